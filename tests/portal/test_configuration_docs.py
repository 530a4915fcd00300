"""Every environment variable the settings read is listed in .env.example and in the README's table."""

import re
from pathlib import Path

BASE = Path(__file__).resolve().parents[2]
READ = re.compile(r"""(?:env(?:_int|_bool|_list)?\(\s*|env=)["']([A-Z][A-Z0-9_]+)["']""")
# Read by the test settings only (they pick the eager Celery mode for unit tests).
TEST_ONLY = {"CELERY_TEST_EAGER"}


def _variables():
    names = set()
    for path in (BASE / "portal" / "settings").glob("*.py"):
        names |= set(READ.findall(path.read_text()))
    return names - TEST_ONLY


def test_the_settings_read_variables_at_all():
    assert {"DATABASE_URL", "SECRET_KEY", "CASE_IMAGING_MAX_SIZE", "CLAMD_SOCKET"} <= _variables()


def test_every_variable_is_in_env_example():
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (BASE / ".env.example").read_text(), re.MULTILINE))
    assert sorted(_variables() - listed) == []


def test_every_variable_is_in_the_readme():
    readme = (BASE / "README.md").read_text()
    assert sorted(name for name in _variables() if f"`{name}`" not in readme) == []
