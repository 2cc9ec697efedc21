"""The web app fixture of tests/web, for the routes' hostile-input tests here."""

from tests.web.conftest import web  # noqa: F401
