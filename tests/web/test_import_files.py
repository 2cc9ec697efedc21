"""Importing through the web pages: a slow file is read off the event loop (the bot keeps
answering meanwhile), and a file that cannot be read says why, in the user's language."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp import ClientResponse, FormData

from backend.people import table_reader
from backend.web.security import LANGUAGE_COOKIE
from tests.support.telegram import RunningBot
from tests.support.xlsx_files import slow_workbook
from tests.web.conftest import Web

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def upload(web: Web, filename: str, content: bytes, mime: str) -> Awaitable[ClientResponse]:
    form = FormData()
    form.add_field("csrf_token", web.csrf)
    form.add_field("file", content, filename=filename, content_type=mime)
    return web.client.post("/import/preview", data=form)


async def test_the_bot_answers_while_a_slow_file_is_read(
    web: Web, bot: RunningBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = slow_workbook(60_000)  # seconds to read, under the upload limit
    assert len(content) < 5 * 1024 * 1024
    reading = asyncio.Event()
    original: Callable[..., Awaitable[Any]] = table_reader.read_table

    async def read_table(*args: Any, **kwargs: Any) -> Any:
        reading.set()
        return await original(*args, **kwargs)

    monkeypatch.setattr(table_reader, "read_table", read_table)
    await web.sign_in(web.coordinator)
    importing = asyncio.ensure_future(upload(web, "liste.xlsx", content, XLSX))
    await asyncio.wait_for(reading.wait(), 30)  # the upload is in, the reading has begun

    answer = await bot.chat(1999, "Per").send("/start")
    assert answer.text  # the bot answered ...
    assert not importing.done()  # ... while the file was still being read
    page = await web.client.get("/participants")
    assert page.status == 200 and not importing.done()  # and so did the web pages

    response = await importing
    page = await response.text()
    assert response.status == 200, page
    assert "Siri Strand" in page  # the one filled row, read to the end


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("nb", "Filen er lagret som UTF-16. Lagre den som «CSV UTF-8» og prøv igjen."),
        ("en", "The file is saved as UTF-16. Save it as “CSV UTF-8” and try again."),
    ],
)
async def test_a_utf16_file_is_refused_with_its_real_cause(
    web: Web, language: str, message: str
) -> None:
    await web.sign_in(web.coordinator)
    web.client.session.cookie_jar.update_cookies({LANGUAGE_COOKIE: language})
    content = "id;navn;fødselsdato\r\nP1;Kari;1990-04-12\r\n".encode("utf-16")
    response = await upload(web, "liste.csv", content, "text/csv")
    page = await response.text()
    assert response.status == 400
    assert message in page
