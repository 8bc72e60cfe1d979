"""The escalation-chain form: the chain, and its ordered steps as rows (blank rows are ignored)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yingji.channels.models import Channel
from yingji.core.models import Person

from .chains import KINDS
from .choices import StepTarget
from .forms import StyledForm


class ChainForm(StyledForm):
    code = forms.CharField(label=_("编码"), max_length=64)
    name = forms.CharField(label=_("名称"), max_length=100)
    event_kind = forms.ChoiceField(label=_("触发事件"))
    repeat = forms.IntegerField(label=_("重复轮数"), min_value=0, max_value=10, initial=0,
                                help_text=_("全部步骤通知完后再重复的轮数"))
    stop_kinds = forms.CharField(label=_("附加停止事件"), max_length=300, required=False,
                                 help_text=_("可选：这些事件到达同一对象时也停止升级，逗号分隔"))
    enabled = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, chain=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(kind, str(k.label)) for kind, k in KINDS.items()]
        if chain is not None and chain.event_kind not in KINDS:
            choices.append((chain.event_kind, chain.event_kind))
        self.fields["event_kind"].choices = choices
        if chain is not None:
            del self.fields["enabled"]  # switched off only after a confirmation (the remove page)


class StepForm(StyledForm):
    target = forms.ChoiceField(label=_("通知对象"), required=False,
                               choices=[("", _("（不使用此行）")), *StepTarget.choices])
    wait_minutes = forms.IntegerField(label=_("等待（分钟）"), min_value=0, max_value=7 * 24 * 60, required=False,
                                      initial=0)
    channel = forms.ModelChoiceField(label=_("通知通道"), required=False, queryset=Channel.objects.order_by("code"))
    person = forms.ModelChoiceField(label=_("指定人员"), required=False,
                                    queryset=Person.objects.select_related("organization").order_by("code"))


def step_formset(data=None, chain=None):
    initial = [{"target": s.target, "wait_minutes": s.wait_minutes, "channel": s.channel_id, "person": s.person_id}
               for s in chain.steps.order_by("order")] if chain is not None else []
    factory = forms.formset_factory(StepForm, extra=2 if initial else 4)
    return factory(data, initial=initial, prefix="steps")


def steps_of(formset) -> list[dict]:
    """The filled rows, in order, for chains.save_chain."""
    return [{"target": f.cleaned_data["target"], "wait_minutes": f.cleaned_data.get("wait_minutes") or 0,
             "channel": f.cleaned_data.get("channel"), "person": f.cleaned_data.get("person")}
            for f in formset.forms if f.cleaned_data.get("target")]
