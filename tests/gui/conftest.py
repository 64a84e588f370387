import pytest

from app.gui.main_window import MainWindow
from app.gui.settings import Settings


@pytest.fixture
def window(qtbot):
    main = MainWindow(Settings())
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
