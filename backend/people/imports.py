"""Participants from a CSV or XLSX file: a preview with row-by-row errors, then all or nothing.

The first row names the columns, in Norwegian or English (case and spaces ignored):

| column         | also           | example        | required |
|----------------|----------------|----------------|----------|
| id             | kode           | P12            | yes      |
| navn           | name           | Kari Nordmann  | yes      |
| fødselsdato    | birth_date     | 1990-04-12     | yes      |
| ukedager       | weekdays       | man,ons,fre    | yes      |
| tid            | hours          | 09:00-14:00    | yes      |
| kontaktperson  | contact        | S1             | yes      |
| program        | programme      | aok            | no (aok) |
| transport      |                | ja / nei       | no (nei) |
| (a criterion)  |                | ja / nei / tom | no (tom) |

Eligibility criteria have a column each, named by the criterion's key as the CLI
and the API name it (`lives_in_municipality`, `wants_service`,
`needs_day_adaptation`, `multidisciplinary_assessment`, `can_work_in_group`,
`no_heavy_shielding_need`, `full_disability_benefit` for AoK; the others in
`backend.people.eligibility.CRITERIA_LABELS`). A cell says `ja` / `yes` (met),
`nei` / `no` (not met), or is left empty: not assessed yet. As on the form, a
criterion not met refuses the row (registration applies the rules). Each recorded
criterion is audited with the participant's registration.

CSV may use `;` or `,` and UTF-8 (with or without BOM) or Windows-1252, as Excel
writes it. The file is read in a worker process capped in memory and time
(backend.people.table_reader), so a hostile file cannot stop the bot or the web
pages; at most MAX_ROWS filled rows are read. Every participant goes into the
importing staff member's unit.
The commit re-checks every row and adds them all in one transaction, or none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from tortoise.transactions import in_transaction

from backend.models import Participant, Staff
from backend.people import eligibility, table_reader
from backend.people import registry as people
from backend.people.eligibility_rules import parse_programme
from backend.people.erased import erased_error
from backend.people.table_file import WRONG_SEPARATOR, TableLimits, wrong_separator
from backend.shared import audit
from backend.shared.errors import N_, RuleError
from backend.shared.parse import parse_code, parse_date, parse_hours, parse_weekdays

MAX_ROWS = 2000

COLUMNS: dict[str, str] = {
    "id": "code", "kode": "code", "code": "code",
    "navn": "name", "name": "name",
    "fødselsdato": "birth_date", "fodselsdato": "birth_date", "birth_date": "birth_date",
    "birthdate": "birth_date",
    "ukedager": "weekdays", "weekdays": "weekdays", "dager": "weekdays",
    "tid": "hours", "hours": "hours", "tider": "hours",
    "kontaktperson": "contact", "contact": "contact", "kontakt": "contact",
    "program": "programme", "programme": "programme",
    "transport": "transport",
    **{key: key for key in eligibility.RECORDED_FACTS},
}  # fmt: skip
REQUIRED = ("code", "name", "birth_date", "weekdays", "hours", "contact")
YES = {"ja", "j", "yes", "y", "x", "1", "true", "sant"}
NO = {"", "nei", "n", "no", "0", "false", "usant"}


@dataclass
class PreviewRow:
    line: int  # the row number as a spreadsheet shows it (header is row 1)
    values: dict[str, str]
    new: people.NewParticipant | None = None
    errors: list[RuleError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportPreview:
    rows: list[PreviewRow]
    errors: list[RuleError] = field(default_factory=list)  # about the file as a whole

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors and all(row.ok for row in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(row.errors) for row in self.rows)


class ImportRefused(RuleError):
    """The file has errors: nothing was added."""

    def __init__(self, preview: ImportPreview) -> None:
        super().__init__(
            # A count without a noun: RuleError has one message for every number.
            N_("Feil i filen: {count}. Ingen deltakere er lagt til."),
            count=preview.error_count,
        )
        self.preview = preview


def _yes_no(text: str) -> bool:
    lowered = text.strip().lower()
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise RuleError(N_("Skriv ja eller nei, ikke {text}"), text=text)


NOT_ASSESSED = {"", "tom", "blank", "-", "ikke vurdert", "not assessed"}


def _criterion(column: str, text: str) -> bool | None:
    """A criterion's cell: ja (met), nei (not met), empty (not assessed)."""
    lowered = " ".join(text.lower().split())
    if lowered in NOT_ASSESSED:
        return None
    if lowered in YES:
        return True
    if lowered in NO:
        return False
    raise RuleError(
        N_("«{column}»: skriv ja eller nei, eller la feltet stå tomt, ikke {text}"),
        column=column,
        text=text,
    )


def _criteria(values: dict[str, str]) -> dict[str, bool]:
    found = {k: _criterion(k, v) for k, v in values.items() if k in eligibility.RECORDED_FACTS}
    return {k: v for k, v in found.items() if v is not None}


def _new_participant(unit_code: str, values: dict[str, str]) -> people.NewParticipant:
    start, end = parse_hours(values["hours"])
    return people.NewParticipant(
        unit_code=unit_code,
        code=parse_code(values["code"]),
        name=values["name"],
        birth_date=parse_date(values["birth_date"]),
        weekdays=parse_weekdays(values["weekdays"]),
        start_time=start,
        end_time=end,
        contact_code=parse_code(values["contact"]),
        programme=parse_programme(values.get("programme", "")),
        transport=_yes_no(values.get("transport", "")),
        eligibility=_criteria(values),
    )


def _header(row: list[str]) -> tuple[list[str | None], list[RuleError]]:
    names = [COLUMNS.get(cell.strip().lower().replace(" ", "_")) for cell in row]
    missing = [column for column in REQUIRED if column not in names]
    separator = wrong_separator(row, COLUMNS) if missing else None
    if separator is not None:  # the real cause, not six missing columns
        return names, [RuleError(WRONG_SEPARATOR, separator=separator)]
    errors = [RuleError(N_("Kolonnen «{column}» mangler i første rad"), column=c) for c in missing]
    return names, errors


async def preview(staff: Staff, filename: str, content: bytes, *, today: date) -> ImportPreview:
    """Check every row against the rules and the database; changes nothing."""
    table = await table_reader.read_table(filename, content, TableLimits(max_rows=MAX_ROWS))
    names, header_errors = _header(table.header)
    if header_errors:
        return ImportPreview(rows=[], errors=header_errors)
    await staff.fetch_related("unit")
    unit = staff.unit
    unit_staff = {s.code: s for s in await Staff.filter(unit_id=unit.id, active=True)}
    codes_in_file: dict[str, int] = {}
    rows: list[PreviewRow] = []
    for line, cells in table.rows:
        values = {
            name: (cells[i] if i < len(cells) else "").strip()
            for i, name in enumerate(names)
            if name is not None
        }
        row = PreviewRow(line=line, values=values)
        missing = [column for column in REQUIRED if not values.get(column)]
        for column in missing:
            row.errors.append(RuleError(N_("«{column}» er tom"), column=column))
        contact = values.get("contact", "")
        if contact and contact not in unit_staff:  # checked even when another field is wrong
            row.errors.append(
                RuleError(N_("Ingen aktiv ansatt ved enheten har id-en {code}"), code=contact)
            )
        if not missing:
            try:
                row.new = _new_participant(unit.code, values)
            except RuleError as error:
                row.errors.append(error)
        if row.new is not None:
            _check_row(row, row.new, codes_in_file, today)
        rows.append(row)
    known = {
        code: (unit_id, erased_at)
        for code, unit_id, erased_at in await Participant.filter(
            code__in=[r.new.code for r in rows if r.new]
        ).values_list("code", "unit_id", "erased_at")
    }
    for row in rows:
        if row.new is not None and row.new.code in known:
            taken_in, erased_at = known[row.new.code]
            if taken_in == unit.id and erased_at is not None:
                row.errors.append(erased_error(row.new.code))
            else:
                row.errors.append(people.code_taken(row.new.code, taken_in, unit.id))
    # A trial run, rolled back, applies every rule that registering applies.
    await _try_rows(rows, actor="preview", today=today, keep=False)
    return ImportPreview(rows=rows)


def _check_row(
    row: PreviewRow, new: people.NewParticipant, codes_in_file: dict[str, int], today: date
) -> None:
    if new.birth_date >= today:
        row.errors.append(
            RuleError(N_("Fødselsdatoen må være tilbake i tid: {day}"), day=new.birth_date)
        )
    if new.start_time.minute % 15 or new.end_time.minute % 15:
        row.errors.append(RuleError(N_("Tider må være hele kvarter, som 09:00 eller 14:15")))
    first = codes_in_file.setdefault(new.code, row.line)
    if first != row.line:
        row.errors.append(
            RuleError(N_("Id-en {code} står også på rad {line}"), code=new.code, line=first)
        )


class _DryRun(Exception):
    """Raised to roll back a trial import."""


async def _try_rows(
    rows: list[PreviewRow], *, actor: str, today: date, keep: bool
) -> list[Participant]:
    """Add the rows through people.add_participant, so every rule it holds is applied.

    A refused row gets its error; with keep=False everything is rolled back.
    """
    added: list[Participant] = []
    try:
        async with in_transaction():
            for row in rows:
                if row.new is None or not row.ok:
                    continue
                try:
                    added.append(await people.add_participant(row.new, actor=actor, today=today))
                except RuleError as error:
                    row.errors.append(error)
            if not keep or not all(row.ok for row in rows):
                raise _DryRun
    except _DryRun:
        return []
    return added


async def commit(
    staff: Staff, filename: str, content: bytes, *, actor: str, today: date
) -> list[Participant]:
    """Add every participant of the file, or none when any row has an error."""
    checked = await preview(staff, filename, content, today=today)
    if not checked.ok:
        raise ImportRefused(checked)
    added = await _try_rows(checked.rows, actor=actor, today=today, keep=True)
    if not checked.ok:
        raise ImportRefused(checked)
    await audit.record(actor, "participant.import", f"unit:{staff.unit.code}", count=len(added))
    return added
