"Every library notebook's assertions run under pytest (nbdev's test_nb), so a failing notebook fails CI."
from pathlib import Path
import pytest
from nbdev.test import test_nb as run_notebook

NBS = Path(__file__).parent.parent/'nbs'
NOTEBOOKS = sorted(p.name for p in NBS.glob('*.ipynb') if not p.name.startswith('_') and p.name != 'colab_quickstart.ipynb')  # that one is papermilled in test_reproduce

def test_every_module_has_a_notebook():
    assert {'00_core.ipynb', '01_backbones.ipynb', '02_model.ipynb', '03_freeze.ipynb', '04_tasks.ipynb', '05_train.ipynb', '06_cli.ipynb', 'index.ipynb'} <= set(NOTEBOOKS)

@pytest.mark.parametrize('name', NOTEBOOKS)
def test_notebook(name):
    ok, _ = run_notebook(NBS/name, skip_flags=['notest'], showerr=True)
    assert ok, f'{name} failed: see the traceback above'
