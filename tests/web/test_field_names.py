"""An error about a form field names it as the form's label does, never by the field's
name in the code ("Fyll ut feltet «Henvist fra NAV»", not «referred_on»)."""

from __future__ import annotations

import pytest

from backend.shared.errors import RuleError
from backend.shared.i18n import gettext_for
from backend.web import forms


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("start", "Starter"),
        ("end", "Slutter"),
        ("referred_on", "Henvist fra NAV"),
        ("counsellor", "NAV-veileder"),
        ("conversation_on", "Inntakssamtale"),
        ("agreement_start", "Avtalen starter"),
        ("agreement_end", "Avtalen slutter"),
        ("first_list", "Første frammøteliste til NAV"),
        ("first_evaluation", "Første evaluering"),
        ("held_on", "Holdt"),
        ("goals", "Mål for perioden og om de er nådd"),
        ("what_worked", "Hva har fungert, og hva har ikke fungert"),
        ("work_ability", "Vurdering av arbeidsevne"),
        ("recommendation_note", "Om anbefalingen"),
        ("present", "Til stede"),
        ("text", "Referat"),
        ("next_meeting", "Neste møte"),
        ("received_on", "Søknaden kom inn"),
        ("aev_on", "Dato for arbeidsevnevurderingen"),
        ("decided_on", "Vedtaksdato"),
        ("starts_on", "Fra"),
        ("ends_on", "Til"),
        ("started_on", "Startdato"),
    ],
)
def test_an_empty_required_field_is_named_by_its_label(name: str, label: str) -> None:
    with pytest.raises(RuleError) as empty:
        forms.text({name: "  "}, name, required=True)
    assert empty.value.render(gettext_for("nb")) == f"Fyll ut feltet «{label}»"
    with pytest.raises(RuleError) as long:
        forms.text({name: "x" * 11}, name, max_length=10)
    assert long.value.render(gettext_for("nb")) == f"Feltet «{label}» er for langt"


def test_the_label_is_translated_with_the_message() -> None:
    with pytest.raises(RuleError) as empty:
        forms.text({}, "referred_on", required=True)
    assert empty.value.render(gettext_for("nn")) == "Fyll ut feltet «Tilvist frå NAV»"
