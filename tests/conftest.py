import pytest

from tests.factories import make_chief_editor, make_editor


@pytest.fixture
def editor(db):
    return make_editor()


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def chief_editor(db):
    return make_chief_editor()


@pytest.fixture
def chief_client(client, chief_editor):
    # A separate client, so a test can act as editor and chief editor side by side.
    from django.test import Client

    other = Client()
    other.force_login(chief_editor)
    return other
