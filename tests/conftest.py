"Tests never reach the model hub: the offline default is what they exercise."
import os
os.environ.setdefault('HF_HUB_OFFLINE', '1')
os.environ.setdefault('TOKENIZERS_PARALLELISM', 'false')
