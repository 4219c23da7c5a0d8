"""README.md is generated from nbs/index.ipynb (Quarto, which `nbdev_readme` needs, is not installable offline).
Run `python tests/make_readme.py` after editing the notebook; tests/test_repo.py checks the two agree."""
import json
from pathlib import Path

ROOT = Path(__file__).parent.parent
HEADER = '<!-- Generated from nbs/index.ipynb by tests/make_readme.py: edit the notebook, not this file. -->\n\n'

def render(nb_path=ROOT/'nbs'/'index.ipynb') -> str:
    "Markdown of the notebook: markdown cells as they are, visible code cells as python blocks."
    parts = []
    for c in json.loads(Path(nb_path).read_text())['cells']:
        src = ''.join(c['source']).strip()
        if not src or src.startswith('#| hide'): continue
        parts.append(src if c['cell_type'] == 'markdown' else f'```python\n{src}\n```')
    return HEADER + '\n\n'.join(parts) + '\n'

if __name__ == '__main__':
    (ROOT/'README.md').write_text(render())
    print('wrote README.md')
