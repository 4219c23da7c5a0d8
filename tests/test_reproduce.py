"fpt-nb reproduce end to end: the smoke profile through the real command, and its reliability under kills, failures and corrupt results."
import json, os, signal, subprocess, sys, textwrap, time
from pathlib import Path
import pytest

ENV = {**os.environ, 'HF_HUB_OFFLINE': '1'}

def fpt(*args, **kw):
    return subprocess.run(['fpt-nb', *args], capture_output=True, text=True, env=ENV, **kw)

# A test profile: the tiny random GPT-2 on the bit tasks, long enough (400 steps, checkpoint every 50) that a kill lands mid-run.
PRELUDE = textwrap.dedent('''
    import sys
    from fpt_nb.experiments.profiles import PROFILES, Profile, TaskPlan
    PROFILES['t'] = Profile(name='t', doc='test', backbone='gpt2-tiny', pretrained='random', seeds=SEEDS,
        tasks={'bit-xor': TaskPlan('bit-xor', 'bit-xor', STEPS, 16, (('n_eval', 64),)),
               'bit-memory': TaskPlan('bit-memory', 'bit-memory', STEPS, 16, (('n_bits', 20), ('patch', 10), ('n_eval', 64)) + EXTRA)},
        train=(('eval_every', 50), ('ckpt_every', 50)))
    from fpt_nb.cli import main
    main(sys.argv[1:])
''')

def batch_cmd(steps=400, extra=(), seeds=(0, 1)):
    return [sys.executable, '-c', PRELUDE.replace('STEPS', str(steps)).replace('EXTRA', repr(tuple(extra))).replace('SEEDS', repr(tuple(seeds)))]

def results_of(root):
    return {p.parent.name: p for p in Path(root).glob('paper/runs/*/result.json')}

def test_smoke_profile_runs_every_notebook(tmp_path):
    r = fpt('reproduce', '--profile', 'smoke', '--results', str(tmp_path), '--workers', '2')
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    assert 'failed' in r.stdout and ' 0 failed' in r.stdout
    plan = json.loads((tmp_path/'plan-paper.json').read_text())
    from fpt_nb.experiments.manifest import ENTRIES
    assert {c['entry'] for c in plan} == set(ENTRIES)
    for key in {c['key'] for c in plan}:
        run = tmp_path/'paper'/'runs'/key
        assert json.loads((run/'result.json').read_text())['config_hash'] == key
        assert (run/'train.ipynb').exists()                       # the executed notebook sits next to its result
    for name, e in ENTRIES.items():
        assert (tmp_path/'reports'/f'{name}.md').exists(), name
        assert (tmp_path/'reports'/f'{name}.csv').exists(), name
    for fig in ('fig1', 'fig3', 'fig4'): assert (tmp_path/'reports'/f'{fig}.png').stat().st_size > 0
    t1 = (tmp_path/'reports'/'table1.md').read_text()
    assert 'paper 98' in t1 and '[stand-in]' in t1                 # the paper's value beside each cell; stand-ins marked
    again = fpt('reproduce', '--profile', 'smoke', '--results', str(tmp_path), '--dry-run')
    assert again.returncode == 0 and ' 0 to run' in again.stdout, again.stdout

def test_sigkill_then_rerun_loses_nothing(tmp_path):
    p = subprocess.Popen(batch_cmd() + ['reproduce', '--profile', 't', '--only', 'fig3', '--results', str(tmp_path)],
                         env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    deadline, first = time.time() + 300, None
    while time.time() < deadline and p.poll() is None:   # wait for one finished run and a checkpoint of the other
        res, ckpts = results_of(tmp_path), list(tmp_path.glob('paper/runs/*/checkpoint.pt'))
        if res and ckpts: first = {k: v.read_bytes() for k, v in res.items()}; break
        time.sleep(0.05)
    assert first, 'the batch ended before a kill could land mid-run'
    os.killpg(p.pid, signal.SIGKILL); p.wait()
    killed = [c.parent.name for c in tmp_path.glob('paper/runs/*/checkpoint.pt')]
    assert killed
    r = subprocess.run(batch_cmd() + ['reproduce', '--profile', 't', '--only', 'fig3', '--results', str(tmp_path)], env=ENV, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert '1 were already done' in r.stdout
    after = results_of(tmp_path)
    assert len(after) == 2
    for k, blob in first.items(): assert after[k].read_bytes() == blob          # not lost, not recomputed
    resumed = json.loads(after[killed[0]].read_text())
    assert resumed['status'] == 'complete' and resumed['resumed_from'] > 0      # picked up from its checkpoint
    assert (tmp_path/'reports'/'fig3.md').exists() and (tmp_path/'reports'/'fig3.png').exists()

def test_a_failing_run_does_not_stop_the_others(tmp_path):
    # the bit-memory run (fig4) gets an option its task lacks and fails; the bit-xor run (fig3) still completes
    r = subprocess.run(batch_cmd(60, [('n_bitz', 3)], seeds=(0,)) + ['reproduce', '--profile', 't', '--only', 'fig3,fig4', '--results', str(tmp_path)],
                       env=ENV, capture_output=True, text=True)
    assert r.returncode == 1
    assert r.stdout.count('FAILED run') == 1 and "no option 'n_bitz'" in (tmp_path/'summary.json').read_text()
    done = [json.loads(p.read_text()) for p in results_of(tmp_path).values()]
    assert [d['config']['task'] for d in done] == ['bit-xor'] and done[0]['status'] == 'complete'
    assert (tmp_path/'reports'/'fig3.md').exists()

def test_corrupt_result_is_redone(tmp_path):
    cmd = batch_cmd(60) + ['reproduce', '--profile', 't', '--only', 'fig3', '--results', str(tmp_path)]
    assert subprocess.run(cmd, env=ENV, capture_output=True).returncode == 0
    res = results_of(tmp_path)
    victim = sorted(res)[0]
    res[victim].write_text(res[victim].read_text()[:40])                  # half-written
    r = subprocess.run(cmd, env=ENV, capture_output=True, text=True)
    assert r.returncode == 0 and '1 were already done' in r.stdout, r.stdout
    assert json.loads(results_of(tmp_path)[victim].read_text())['status'] == 'complete'
    assert list((tmp_path/'paper'/'runs'/victim).glob('result.json.bad-*'))

def test_unknown_entry_lists_valid_ones(tmp_path):
    r = fpt('reproduce', '--profile', 'smoke', '--only', 'table99', '--results', str(tmp_path))
    assert r.returncode == 2 and 'valid names are table1, fig1, table2' in r.stderr, r.stderr

def test_ray_executor(tmp_path):
    pytest.importorskip('ray')
    r = subprocess.run(batch_cmd(30) + ['reproduce', '--profile', 't', '--only', 'fig3', '--executor', 'ray', '--results', str(tmp_path)],
                       env=ENV, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    assert len(results_of(tmp_path)) == 2

def test_colab_quickstart_runs_offline_with_small_parameters(tmp_path):
    nb = Path(__file__).parent.parent/'nbs'/'colab_quickstart.ipynb'
    from fpt_nb.experiments.jobs import papermill_cmd
    params = ['-p', 'task', 'mnist-5k', '-p', 'backbone', 'gpt2-tiny', '-p', 'init', 'random', '-p', 'steps', '20',
              '-p', 'out', str(tmp_path/'run')]
    r = subprocess.run(papermill_cmd(nb, tmp_path/'out.ipynb', tmp_path) + params, env=ENV, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    assert json.loads((tmp_path/'run'/'result.json').read_text())['status'] == 'complete'
    assert 'paper 98.0%' in (tmp_path/'out.ipynb').read_text()

def test_together_trains_a_cells_runs_in_one_job(tmp_path):
    # at random init one seed's learning rates share a body: corrected fig3 on one seed is one job of three runs
    cmd = batch_cmd(30, seeds=(0,)) + ['reproduce', '--profile', 't', '--only', 'fig3', '--protocol', 'corrected',
                                       '--together', '--results', str(tmp_path)]
    r = subprocess.run(cmd, env=ENV, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    runs = sorted(tmp_path.glob('corrected/runs/*/result.json'))
    assert len(runs) == 3
    results = [json.loads(p.read_text()) for p in runs]
    assert {r['config']['train']['lr'] for r in results} == {1e-4, 3e-4, 1e-3}
    for p, res in zip(runs, results):
        assert res['status'] == 'complete' and sorted(res['trained_with']) == sorted(x['config_hash'] for x in results)
        assert res['config_hash'] == p.parent.name
        for f in ('train.ipynb', 'curve.png', 'attention.json'): assert (p.parent/f).exists(), (p.parent, f)
    assert '3 ran, 0 were already done, 0 failed' in r.stdout
    again = subprocess.run(cmd, env=ENV, capture_output=True, text=True)
    assert again.returncode == 0 and '3 were already done' in again.stdout, again.stdout
