"""Tests never reach the model hub: the offline default is what they exercise.
Under pytest-xdist (`pytest -n 2`) each worker takes its share of the cores, and the end-to-end batches start first."""
import os
os.environ.setdefault('HF_HUB_OFFLINE', '1')
os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')

_WORKERS = int(os.environ.get('PYTEST_XDIST_WORKER_COUNT', '1'))
if _WORKERS > 1:   # set before torch is imported: threads past a worker's share only wait on each other
    os.environ.setdefault('OMP_NUM_THREADS', str(max(1, (os.cpu_count() or 1) // _WORKERS)))

def pytest_collection_modifyitems(items):
    "Run test_reproduce's batches (the longest tests) first, so the notebooks fill the other workers around them."
    items.sort(key=lambda item: item.path.name != 'test_reproduce.py')
