import pytest

from app.gui.app import StillpointApp
from app.gui.settings import Settings


@pytest.fixture
def stillpoint(qtbot):
    """The application with its window shown; closed (and what played stopped) after the test."""
    app = StillpointApp(Settings())
    qtbot.addWidget(app.window)
    app.window.show()
    qtbot.waitExposed(app.window)
    yield app
    app.quitting = True
    app.window.close()
    app.deleteLater()


@pytest.fixture
def window(stillpoint):
    return stillpoint.window
