"""Contracts of the services API (OpenAPI through drf-spectacular); errors are the shared Error component."""

from rest_framework import serializers


class ServiceClockSerializer(serializers.Serializer):
    state = serializers.CharField(help_text="running / amber / overdue / stopped")
    deadline = serializers.DateTimeField(allow_null=True)
    working_days_left = serializers.IntegerField(allow_null=True)
    text = serializers.CharField()


class ServiceDocumentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    original_name = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    url = serializers.CharField()


class ServiceMessageSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    from_enterprise = serializers.BooleanField()
    text = serializers.CharField()
    at = serializers.DateTimeField()


class ServiceStepSerializer(serializers.Serializer):
    event = serializers.CharField()
    label = serializers.CharField()
    to_state = serializers.CharField()
    at = serializers.DateTimeField()
    note = serializers.CharField()


class ServiceCaseSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    number = serializers.CharField()
    kind = serializers.CharField(help_text="plan_filing / licence")
    title = serializers.CharField()
    enterprise = serializers.CharField(help_text="the enterprise's code")
    state = serializers.CharField()
    state_label = serializers.CharField()
    submitted_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    returned_count = serializers.IntegerField()
    clock = ServiceClockSerializer(allow_null=True)
    missing_documents = serializers.ListField(child=serializers.CharField())
    next_steps = serializers.ListField(child=serializers.CharField(), help_text="events this user may fire now")
    filing_number = serializers.CharField(allow_blank=True, required=False)
    licence_number = serializers.CharField(allow_blank=True, required=False)


class ServiceCaseDetailSerializer(ServiceCaseSerializer):
    documents = ServiceDocumentSerializer(many=True)
    messages = ServiceMessageSerializer(many=True)
    steps = ServiceStepSerializer(many=True)


class ServiceFilingUploadSerializer(serializers.Serializer):
    enterprise = serializers.CharField(required=False, help_text="code or credit code")
    plan_name = serializers.CharField()
    issued_on = serializers.DateField()
    evaluated_on = serializers.DateField(required=False)
    special_plans = serializers.CharField(required=False)
    onsite_plans = serializers.CharField(required=False)
    contact = serializers.CharField(required=False)
    phone = serializers.CharField(required=False)
    plan_general = serializers.FileField()
    plan_special = serializers.FileField(required=False)
    plan_onsite = serializers.FileField(required=False)
    plan_evaluation = serializers.FileField(required=False)


class ServiceLicenceUploadSerializer(serializers.Serializer):
    enterprise = serializers.CharField(required=False)
    licence_type = serializers.CharField(required=False, help_text="hazchem_trade (default)")
    scope = serializers.CharField()
    renewal_of = serializers.CharField(required=False)
    licence_application = serializers.FileField()
    licence_premises = serializers.FileField(required=False)
    licence_rules = serializers.FileField(required=False)
    licence_staff = serializers.FileField(required=False)


class ServiceEventSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="file / return / resubmit / accept / site_check / approve / refuse / "
                                            "certify")
    reason = serializers.CharField(required=False)
    note = serializers.CharField(required=False)


class ServiceDocumentUploadSerializer(serializers.Serializer):
    kind = serializers.CharField()
    file = serializers.FileField()


class ServiceTextSerializer(serializers.Serializer):
    text = serializers.CharField()


class ServiceDrillInSerializer(serializers.Serializer):
    plan_kind = serializers.CharField(help_text="general / special / onsite")
    held_on = serializers.DateField()
    note = serializers.CharField(required=False)


class ServicePublicStatusSerializer(serializers.Serializer):
    number = serializers.CharField()
    matter = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    submitted_on = serializers.DateField()
    deadline_on = serializers.DateField(allow_null=True)
    finished_on = serializers.DateField(allow_null=True)
    clock = serializers.CharField()


class ServiceDutySerializer(serializers.Serializer):
    kind = serializers.CharField()
    title = serializers.CharField()
    detail = serializers.CharField()
    url = serializers.CharField()
    urgent = serializers.BooleanField()


class ServiceCommitmentInSerializer(serializers.Serializer):
    risk_state = serializers.CharField(help_text="low / normal / elevated / major")
    special_work = serializers.IntegerField(required=False)
    major_sources_ok = serializers.BooleanField(required=False)
    signed_by = serializers.CharField()


class ServiceCommitmentSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    enterprise = serializers.CharField()
    day = serializers.DateField(help_text="the first day of the period (a weekly commitment: the ISO week's Monday)")
    frequency = serializers.CharField(help_text="daily / weekly")
    risk_state = serializers.CharField()
    statement = serializers.CharField()
    signed_by = serializers.CharField()


class ServiceEnterpriseRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    region = serializers.CharField()


class ServiceCreditLineSerializer(serializers.Serializer):
    kind = serializers.CharField()
    count = serializers.IntegerField()
    points = serializers.IntegerField()


class ServiceCreditSerializer(serializers.Serializer):
    enterprise = serializers.CharField()
    name = serializers.CharField()
    score = serializers.IntegerField()
    credit_class = serializers.CharField()
    supervision_class = serializers.CharField(help_text="检查对象的监管类别（key/general/other），未列入名录库为空")
    supervision_per_year = serializers.IntegerField()
    lines = ServiceCreditLineSerializer(many=True)
    lists = serializers.ListField(child=serializers.CharField())


class ServiceCreditEventInSerializer(serializers.Serializer):
    kind = serializers.CharField()
    happened_on = serializers.DateField()
    note = serializers.CharField(required=False)


class ServiceListEntryInSerializer(serializers.Serializer):
    list_kind = serializers.CharField(help_text="blacklist / watchlist")
    reason = serializers.CharField()


class ServiceListEntrySerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    enterprise = serializers.CharField()
    list_kind = serializers.CharField()
    entered_on = serializers.DateField()
    reason = serializers.CharField()
    exited_on = serializers.DateField(allow_null=True)
    exit_reason = serializers.CharField()


class ServiceReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ServiceCommitmentStatusSerializer(serializers.Serializer):
    frequency = serializers.CharField(allow_null=True, help_text="daily / weekly, or null when none is owed")
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(allow_null=True)
    committed = serializers.BooleanField()
    missed_periods = serializers.ListField(child=serializers.DateField(),
                                           help_text="first days of the periods of the last 30 days without one")


class ServiceAccountSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    username = serializers.CharField()
    name = serializers.CharField()
    phone = serializers.CharField()
    is_active = serializers.BooleanField()
    principal = serializers.BooleanField()


class ServiceAccountCreatedSerializer(ServiceAccountSerializer):
    initial_password = serializers.CharField(help_text="shown once; to be changed at first login")


class ServiceAccountInSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField()
    phone = serializers.CharField(required=False)
    password = serializers.CharField(required=False, help_text="empty: one is generated and returned once")


class ServiceExamSessionSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    code = serializers.CharField()
    name = serializers.CharField()
    rules = serializers.CharField()
    duration_minutes = serializers.IntegerField()
    pass_mark = serializers.IntegerField()
    validity_months = serializers.IntegerField()
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    signup_deadline = serializers.DateTimeField()
    capacity = serializers.IntegerField()
    seats_taken = serializers.IntegerField()
    phase = serializers.CharField(help_text="signup / waiting / open / closed")
    paper = serializers.CharField(help_text="the community exam paper's code")


class ServiceExamSessionInSerializer(serializers.Serializer):
    name = serializers.CharField()
    rules = serializers.CharField(help_text="one rule a line, 标签:题型:数量 (single / multiple / truefalse)")
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    signup_deadline = serializers.DateTimeField()
    capacity = serializers.IntegerField()
    duration_minutes = serializers.IntegerField(required=False)
    pass_mark = serializers.IntegerField(required=False)
    validity_months = serializers.IntegerField(required=False)


class ServiceExamSignupSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    session = serializers.UUIDField()
    session_code = serializers.CharField()
    enterprise = serializers.CharField()
    person = serializers.UUIDField()
    person_name = serializers.CharField()
    state = serializers.CharField(help_text="signed_up / confirmed / taken / passed / failed / cancelled")
    state_label = serializers.CharField()
    signed_up_at = serializers.DateTimeField()
    score = serializers.IntegerField(allow_null=True)
    certificate_expiry = serializers.DateField(allow_null=True)
    certificate_url = serializers.CharField(allow_null=True)


class ServiceExamSignupInSerializer(serializers.Serializer):
    session = serializers.UUIDField()
    person = serializers.UUIDField(help_text="an account bound to the signed-in account's enterprise")


class ServiceExamStartedSerializer(serializers.Serializer):
    attempt = serializers.UUIDField()
    deadline_at = serializers.DateTimeField()
    url = serializers.CharField(help_text="the community app's exam page")
