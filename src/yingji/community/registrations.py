"""Registries of the community app (see yingji.core.registry) and the permissions of each role."""

from django.utils.translation import gettext_lazy as _

from yingji.core.registrations import first_code
from yingji.core.registry import register
from yingji.core.roles import Role, grant

from .models import (
    Course,
    EducationActivity,
    ExamPaper,
    InfoOfficer,
    KnowledgeSurvey,
    Question,
    TrainingClass,
    TrainingExpert,
    TrainingRecord,
    Volunteer,
)

MENU = _("社会力量与培训")
PHONE = "core.view_contact_phone"  # who may read full phone numbers (masked otherwise), as in resources
LEVEL_OF_REGION = {1: "district", 2: "township", 3: "village", 4: "grid"}

# The bureau (commanders) keeps everything; township officers keep volunteers (and review them), call-outs, the
# officer roster and education in their township (scoping limits them) and read the district's training and exams;
# duty officers read and call volunteers out; grid workers and information officers read the roster and take exams.
# "serve_as_volunteer" is the volunteer's own account's (role 志愿者): nobody else is given it by a wildcard.
BUREAU = ("community.add_*", "community.change_*", "community.delete_*", "community.view_*",
          "community.review_volunteer", "community.see_volunteer_id")
grant(Role.COMMANDER, *BUREAU)
grant(Role.TOWNSHIP_ADMIN, "community.view_*", "community.add_volunteer", "community.change_volunteer",
      "community.delete_volunteer", "community.review_volunteer", "community.see_volunteer_id",
      "community.*_callout", "community.*_infoofficer", "community.*_educationactivity")
grant(Role.VOLUNTEER, "community.serve_as_volunteer", "community.view_exampaper")
grant(Role.DUTY_OFFICER, "community.view_*", "community.add_callout")
grant(Role.GRID_WORKER, "community.view_infoofficer", "community.view_exampaper", "community.view_course",
      "community.view_trainingclass", "community.view_educationactivity")
grant(Role.INSPECTOR, "community.view_exampaper", "community.view_course", "community.view_trainingclass")


def _first(model, region) -> str:
    return first_code(model, region) or model.objects.order_by("code").values_list("code", flat=True).first() or ""


VOLUNTEERS = register(
    Volunteer, plural="volunteers", menu_group=MENU,
    list_fields=("code", "name", "phone", "region", "skills", "availability", "review_state", "insurance_expiry",
                 "service_hours"),
    form_fields=("code", "name", "phone", "id_number", "skills", "availability", "consent", "is_minor",
                 "guardian_name", "guardian_consent", "insurance_expiry", "account_username", "region", "description"),
    filter_fields=("review_state", "availability"), search_fields=("name", "code", "skills"),
    masked_fields={"phone": PHONE, "id_number": "community.see_volunteer_id"},
    related=(("certificates", ("name", "expiry")), ("callouts", ("callout", "response", "checked_in_at",
                                                                  "checked_out_at", "hours"))),
    example=lambda region: {"code": "ZYZ-EXAMPLE", "name": "张志愿", "phone": "13800000000", "skills": "急救",
                            "availability": "weekends", "consent": True, "insurance_expiry": "2027-06-30",
                            "region": region.code, "description": ""},
)

OFFICERS = register(
    InfoOfficer, plural="officers", menu_group=MENU,
    list_fields=("code", "name", "level", "region", "phone", "organization"),
    form_fields=("code", "name", "level", "region", "phone", "organization", "account_username", "description"),
    filter_fields=("level",), search_fields=("name", "code", "organization"),
    masked_fields={"phone": PHONE},
    example=lambda region: {"code": "XXY-EXAMPLE", "name": "李信息", "level": LEVEL_OF_REGION[region.level],
                            "phone": "13900000000", "organization": "示例单位", "region": region.code,
                            "description": ""},
)

COURSES = register(
    Course, plural="courses", menu_group=MENU,
    list_fields=("code", "name", "topic", "hours", "validity_months"),
    form_fields=("code", "name", "topic", "hours", "validity_months", "status", "region", "description"),
    related=(("classes", ("name", "starts_on", "ends_on", "place")),),
    example=lambda region: {"code": "KC-EXAMPLE", "name": "示例：防汛抢险基础", "topic": "险情识别与处置",
                            "hours": "8", "validity_months": 24, "status": "draft", "region": region.code,
                            "description": ""},
)

CLASSES = register(
    TrainingClass, plural="classes", menu_group=MENU,
    list_fields=("code", "name", "course", "starts_on", "ends_on", "place", "region"),
    form_fields=("code", "name", "course", "starts_on", "ends_on", "place", "teacher", "status", "region",
                 "description"),
    filter_fields=("course",), search_fields=("name", "code", "place"),
    related=(("records", ("name", "kind", "organization", "attended", "hours", "valid_until")),),
    example=lambda region: {"code": "PXB-EXAMPLE", "name": "示例培训班", "course": _first(Course, region),
                            "starts_on": "2026-03-02", "ends_on": "2026-03-03",
                            "place": "区应急管理局会议室", "status": "draft",
                            "region": region.code, "description": ""},
)

TRAINING_RECORDS = register(
    TrainingRecord, plural="training-records", menu_group=MENU,
    list_fields=("code", "name", "kind", "organization", "training_class", "attended", "hours", "valid_until"),
    form_fields=("code", "name", "training_class", "kind", "team_member", "volunteer", "organization", "attended",
                 "hours", "region", "description"),
    filter_fields=("kind", "attended", "training_class"), search_fields=("name", "code", "organization"),
    example=lambda region: {"code": "PXJL-EXAMPLE", "name": "王学员", "training_class": _first(TrainingClass, region),
                            "kind": "bureau", "organization": "区应急管理局", "attended": True, "hours": "8",
                            "region": region.code, "description": ""},
)

QUESTIONS = register(
    Question, plural="questions", menu_group=MENU,
    list_fields=("code", "name", "qtype", "tags", "answer", "status"),
    form_fields=("code", "name", "qtype", "tags", "options", "answer", "explanation", "status", "region",
                 "description"),
    filter_fields=("qtype",), search_fields=("name", "code", "tags"),
    example=lambda region: {"code": "TK-EXAMPLE", "name": "发现山体裂缝应立即向谁报告？", "qtype": "single",
                            "tags": "地灾", "options": "村（社区）灾害信息员\n亲友\n网络论坛", "answer": "A",
                            "status": "draft", "region": region.code, "description": ""},
)

PAPERS = register(
    ExamPaper, plural="exam-papers", menu_group=MENU,
    list_fields=("code", "name", "seed", "duration_minutes", "pass_mark", "validity_months", "status"),
    form_fields=("code", "name", "rules", "seed", "duration_minutes", "pass_mark", "validity_months", "status",
                 "region", "description"),
    search_fields=("name", "code"),
    example=lambda region: {"code": "SJ-EXAMPLE", "name": "示例试卷", "rules": "防汛:truefalse:2", "seed": 7,
                            "duration_minutes": 20, "pass_mark": 60, "validity_months": 24, "status": "draft",
                            "region": region.code, "description": ""},
)

EDUCATION = register(
    EducationActivity, plural="education", menu_group=MENU,
    list_fields=("code", "name", "venue", "held_on", "place", "region", "audience", "students"),
    form_fields=("code", "name", "venue", "held_on", "place", "organizer", "audience", "students", "materials",
                 "region", "description"),
    filter_fields=("venue",), search_fields=("name", "code", "place"),
    example=lambda region: {"code": "XJ-EXAMPLE", "name": "示例：防汛知识进社区", "venue": "community",
                            "held_on": "2026-05-12", "place": "示例社区广场", "audience": 120, "students": 20,
                            "materials": 0,
                            "region": region.code, "description": ""},
)

EXPERTS = register(
    TrainingExpert, plural="training-experts", menu_group=MENU,
    list_fields=("code", "name", "field", "specialties", "title", "organization", "region", "phone", "can_examine"),
    form_fields=("code", "name", "field", "specialties", "title", "organization", "phone", "courses", "can_examine",
                 "region", "description"),
    filter_fields=("field", "can_examine"), search_fields=("name", "code", "specialties", "organization", "courses"),
    masked_fields={"phone": PHONE},
    example=lambda region: {"code": "PXZJ-EXAMPLE", "name": "赵专家", "field": "flood",
                            "specialties": "堤防抢险、管涌处置", "title": "高级工程师", "organization": "区水利局",
                            "phone": "13700000000",
                            "courses": "防汛抢险技术", "can_examine": True, "region": region.code, "description": ""},
)

SURVEYS = register(
    KnowledgeSurvey, plural="surveys", menu_group=MENU,
    list_fields=("code", "name", "opens_on", "closes_on", "pass_mark", "status"),
    form_fields=("code", "name", "rules", "seed", "pass_mark", "opens_on", "closes_on", "status", "region",
                 "description"),
    search_fields=("name", "code"),
    example=lambda region: {"code": "WJ-EXAMPLE", "name": "示例：应急知识问卷", "rules": "防汛:truefalse:2", "seed": 7,
                            "pass_mark": 60, "opens_on": "2026-05-01", "closes_on": "2026-06-30", "status": "draft",
                            "region": region.code, "description": ""},
)
