"""person export|erase --participant ID: a participant's data rights (GDPR art. 15 and 17)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from backend.cli.base import CLI_ACTOR, command, now
from backend.cli.payroll import write_atomically
from backend.people import data_rights
from backend.shared.config import Settings
from backend.shared.errors import N_, RuleError
from backend.shared.i18n import LANGUAGES, gettext_for
from backend.web import audit_words


def _language() -> str | None:
    return os.environ.get("FRAMMOTE_LANGUAGE") or os.environ.get("LANG")


def _folder(text: str) -> Path:
    folder = Path(text)
    if not folder.is_dir():
        raise RuleError(N_("--output-dir: mappen {folder} finnes ikke"), folder=str(folder))
    return folder


async def run_export(args: argparse.Namespace, settings: Settings) -> int:
    folder = _folder(args.output_dir)
    found = await data_rights.export_person(args.participant, actor=CLI_ACTOR, now=now(settings))
    _ = gettext_for(_language())
    written = []
    for made in (found.json_file(), found.pdf_file(args.language, audit_words.EXPORT_WORDS)):
        path = folder / made.filename
        write_atomically(path, made.content)
        written.append(str(path))
    print(_("Alle opplysningene om {code}:").format(code=found.participant.code))
    for path in written:
        print(f"  {path}")
    return 0


async def run_erase(args: argparse.Namespace, settings: Settings) -> int:
    participant = await data_rights.find_participant(args.participant)
    if (args.confirm or "").strip() != participant.code:
        data_rights.check_erasable(participant, participant.code)  # ended, not erased: first
        raise RuleError(
            N_("Bekreft slettingen med --confirm {code} (id-en en gang til)"),
            code=participant.code,
        )
    done = await data_rights.erase_person(
        args.participant, args.confirm or "", actor=CLI_ACTOR, now=now(settings)
    )
    _ = gettext_for(_language())
    print(_("Opplysningene om {code} er slettet.").format(code=done.participant.code))
    for name, count in done.deleted.items():
        print(f"  {audit_words.key_words(name, _)}: {count}")
    print(
        _("Beholdt anonymt (bokføringsloven): {count} oppmøtedager").format(
            count=done.kept_attendance_days
        )
    )
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    person = commands.add_parser(
        "person", help="a participant's data: export all of it, or erase it"
    ).add_subparsers(dest="action", required=True)
    p = person.add_parser("export", help="write everything stored about a participant (JSON, PDF)")
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--output-dir", default=".", metavar="FOLDER")
    p.add_argument("--language", default="nb", choices=list(LANGUAGES))
    command(p, run_export)
    p = person.add_parser(
        "erase",
        help="delete a participant's data, keeping the attendance figures anonymised",
    )
    p.add_argument("--participant", required=True, metavar="ID")
    p.add_argument("--confirm", metavar="ID", help="the same ID again, to confirm")
    command(p, run_erase)
