"Every library notebook's assertions run under pytest (nbdev's test_nb), so a failing notebook fails CI."
import json, re
from pathlib import Path
import pytest
from nbdev.test import test_nb as run_notebook

ROOT = Path(__file__).parent.parent
NBS = ROOT/'nbs'
# colab_quickstart is papermilled in test_reproduce
NOTEBOOKS = sorted(p.name for p in NBS.glob('*.ipynb') if not p.name.startswith('_') and p.name != 'colab_quickstart.ipynb')

def _cells(path): return json.loads(Path(path).read_text())['cells']

def exported_module(path) -> str|None:
    "The module a notebook exports (its `#| default_exp`), or None."
    m = re.match(r'#\| default_exp (\S+)', ''.join(_cells(path)[0]['source'])) if _cells(path) else None
    return m.group(1) if m else None

def test_every_module_has_its_numbered_notebook():
    modules = {'.'.join(p.relative_to(ROOT/'fpt_nb').with_suffix('').parts) for p in (ROOT/'fpt_nb').rglob('*.py')}
    modules -= {'__init__', '_modidx'} | {m for m in modules if m.endswith('.__init__') and m != 'tasks.__init__'}
    by_module = {exported_module(NBS/n): n for n in NOTEBOOKS}
    missing = sorted(m for m in modules if m not in by_module)
    assert not missing, f'modules without a notebook: {missing}'
    for module, nb in by_module.items():   # the number says the subpackage: 1x model, 2x tasks, 3x training, ...
        if module is None: continue
        package = module.split('.')[0]
        assert re.match(r'\d\d[a-z]?_', nb) and (package in nb or module == 'core'), (module, nb)

@pytest.mark.parametrize('name', [n for n in NOTEBOOKS if exported_module(NBS/n)])
def test_library_notebook_opens_with_title_summary_and_docs(name):
    cells = _cells(NBS/name)
    title = ''.join(cells[1]['source'])
    assert cells[1]['cell_type'] == 'markdown' and title.startswith('# ') and '\n> ' in title, f'{name}: no title and summary'
    code = '\n'.join(''.join(c['source']) for c in cells if c['cell_type'] == 'code')
    defines = re.search(r'^(def|class) [A-Za-z]', code, re.M)
    if defines and name != '29_tasks_all.ipynb': assert 'show_doc(' in code, f'{name} documents none of its functions'

@pytest.mark.parametrize('name', NOTEBOOKS)
def test_notebook(name):
    ok, _ = run_notebook(NBS/name, skip_flags=['notest'], showerr=True)
    assert ok, f'{name} failed: see the traceback above'
