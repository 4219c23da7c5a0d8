"The repository's own invariants: notebooks clean and exported, README in sync, CI running README's commands."
import io, json, re, shutil, subprocess, sys, tokenize
from pathlib import Path
import pytest

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(Path(__file__).parent))
from make_readme import render

def test_readme_is_generated_from_index():
    assert (ROOT/'README.md').read_text() == render(), 'README.md is stale: run python tests/make_readme.py'

def _readme_command(prefix):
    lines = [l for l in (ROOT/'README.md').read_text().splitlines() if l.startswith(prefix)]
    assert lines, f'README has no line starting with {prefix!r}'
    return lines[0]

def test_ci_runs_readme_install_and_test_commands():
    ci = (ROOT/'.ci'/'run').read_text()
    assert "grep -m1 '^pip install' README.md" in ci and "grep -m1 '^pytest' README.md" in ci
    install = _readme_command('pip install')
    assert 'torch==2.13.0' in install, 'the install path must pin torch (an unpinned torch pulls a CUDA build)'
    assert 'HF_HUB_OFFLINE=1' in ci

def test_library_requirement_keeps_torch_loose():
    reqs = re.search(r'^requirements = (.*)$', (ROOT/'settings.ini').read_text(), re.M).group(1).split()
    torch = [r for r in reqs if r.startswith('torch')]
    assert torch and '==' not in torch[0], torch
    assert not any(r.startswith(('nbdev', 'execnb', 'fastcore', 'ghapi', 'fastgit')) for r in reqs), 'nbdev pins are dev-only'

@pytest.fixture
def copy(tmp_path):
    for f in ('settings.ini', 'setup.py', 'README.md'): shutil.copy(ROOT/f, tmp_path/f)
    shutil.copytree(ROOT/'nbs', tmp_path/'nbs', ignore=shutil.ignore_patterns('.ipynb_checkpoints', '_proc'))
    shutil.copytree(ROOT/'fpt_nb', tmp_path/'fpt_nb', ignore=shutil.ignore_patterns('__pycache__'))
    return tmp_path

def _tree(root, sub, pattern):
    return {p.relative_to(root): p.read_text() for p in sorted((root/sub).rglob(pattern)) if '__pycache__' not in p.parts}

@pytest.mark.parametrize('cmd,sub,pattern', [('nbdev_export', 'fpt_nb', '*.py'), ('nbdev_clean', 'nbs', '*.ipynb')])
def test_nbdev_changes_nothing(copy, cmd, sub, pattern):
    before = _tree(copy, sub, pattern)
    exe = Path(sys.executable).parent/cmd
    subprocess.run([str(exe) if exe.exists() else cmd], cwd=copy, check=True, capture_output=True)
    after = _tree(copy, sub, pattern)
    changed = [str(k) for k in after if before.get(k) != after[k]] + [str(k) for k in before if k not in after]
    assert not changed, f'{cmd} changed {changed}: run it and commit the result'

def test_clean_keeps_papermill_parameters_tag(copy):
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('steps = 10', metadata={'tags': ['parameters'], 'scrolled': True})])
    nbformat.write(nb, copy/'nbs'/'zz_params.ipynb')
    exe = Path(sys.executable).parent/'nbdev_clean'
    subprocess.run([str(exe) if exe.exists() else 'nbdev_clean'], cwd=copy, check=True, capture_output=True)
    meta = nbformat.read(copy/'nbs'/'zz_params.ipynb', as_version=4).cells[0].metadata
    assert meta == {'tags': ['parameters']}

def _code_sources():
    "(where, source) of every library module and of every notebook code cell."
    for p in sorted((ROOT/'fpt_nb').rglob('*.py')):
        if p.name != '_modidx.py': yield str(p.relative_to(ROOT)), p.read_text()
    for p in sorted(list((ROOT/'nbs').glob('*.ipynb')) + list((ROOT/'nbs'/'experiments').glob('*.ipynb'))):
        for i, c in enumerate(json.loads(p.read_text())['cells']):
            if c['cell_type'] == 'code': yield f'{p.relative_to(ROOT)} cell {i}', ''.join(c['source'])

def test_lines_are_at_most_120_characters():
    # nbdev writes `__all__` wrapped at 120 characters after its 10-character `__all__ = ` prefix: its line, not ours
    long = [f'{where}: {len(l)} characters' for where, src in _code_sources() for l in src.splitlines()
            if len(l) > 120 and not l.startswith('__all__ = ')]
    assert not long, f'{len(long)} code lines over 120 characters: {long[:10]}'

def test_one_statement_per_line():
    joined = []
    for where, src in _code_sources():
        text = '\n'.join('' if l.lstrip().startswith(('!', '%')) else l for l in src.splitlines())
        try: toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
        except (tokenize.TokenError, SyntaxError) as e: pytest.fail(f'{where} does not tokenize: {e}')
        joined += [f'{where} line {t.start[0]}' for t in toks if t.type == tokenize.OP and t.string == ';']
    assert not joined, f"{len(joined)} lines join statements with ';': {joined[:10]}"
