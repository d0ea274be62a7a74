# The bench's PyTorch side (`npm run bench -- --compare pytorch`): the engine's ResNet-20 in
# PyTorch on CPU, timed the same way, one JSON line per measurement on stdout.
#
# The network is the engine's: Basic3ResNet-3-3-3, widths 16-32-64, 'same' padding as TensorFlow
# (stride-2 convs pad only bottom and right), BN eps 1e-5 momentum 0.1, 1x1 stride-2 projection
# shortcuts, global average pool and a dense head; SGD with momentum and weight decay on every
# parameter. Usage: python3 pytorch-resnet20.py --threads 1,2 [--batch 64] [--warmup 3] [--timed 7]
# prints {"threads", "kind": "train" | "forward", "seconds": [wall, one per timed step], "cpu": [process CPU
# seconds, likewise], "torch"} lines.
import argparse
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class SameConv(nn.Module):
    """A bias-free conv with TensorFlow's 'same' padding (odd pixel at the bottom and right)."""

    def __init__(self, cin, cout, kernel, stride):
        super().__init__()
        self.stride = stride
        total = max(kernel - stride, 0)
        self.pad = (total // 2, total - total // 2)
        symmetric = self.pad[0] == self.pad[1]
        self.conv = nn.Conv2d(cin, cout, kernel, stride, padding=self.pad[0] if symmetric else 0, bias=False)
        self.explicit = None if symmetric else (self.pad[0], self.pad[1], self.pad[0], self.pad[1])

    def forward(self, x):
        return self.conv(F.pad(x, self.explicit) if self.explicit else x)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = SameConv(cin, cout, 3, stride)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = SameConv(cout, cout, 3, 1)
        self.bn2 = nn.BatchNorm2d(cout)
        projection = stride != 1 or cin != cout
        self.shortcut = nn.Sequential(SameConv(cin, cout, 1, stride), nn.BatchNorm2d(cout)) if projection else nn.Identity()

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.bn2(self.conv2(y)) + self.shortcut(x))


class ResNet20(nn.Module):
    def __init__(self, widths=(16, 32, 64), depths=(3, 3, 3), classes=10):
        super().__init__()
        self.stem = nn.Sequential(SameConv(3, widths[0], 3, 1), nn.BatchNorm2d(widths[0]), nn.ReLU())
        blocks = []
        cin = widths[0]
        for stage, (width, depth) in enumerate(zip(widths, depths)):
            for index in range(depth):
                blocks.append(BasicBlock(cin, width, 2 if stage > 0 and index == 0 else 1))
                cin = width
        self.blocks = nn.Sequential(*blocks)
        self.head = nn.Linear(cin, classes)

    def forward(self, x):
        return self.head(self.blocks(self.stem(x)).mean(dim=(2, 3)))


def step_seconds(step, warmup, timed):
    for _ in range(warmup):
        step()
    wall, cpu = [], []
    for _ in range(timed):
        started, cpu_started = time.perf_counter(), time.process_time()
        step()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    return wall, cpu


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--threads', default='1')
    parser.add_argument('--batch', type=int, default=64)
    parser.add_argument('--warmup', type=int, default=3)
    parser.add_argument('--timed', type=int, default=7)
    args = parser.parse_args()
    torch.manual_seed(1)
    x = torch.randn(args.batch, 3, 32, 32)
    labels = torch.randint(0, 10, (args.batch,))
    for threads in [int(t) for t in args.threads.split(',')]:
        torch.set_num_threads(threads)
        model = ResNet20()
        optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)

        def train_step():
            optimizer.zero_grad(set_to_none=True)
            F.cross_entropy(model(x), labels).backward()
            optimizer.step()

        def forward_step():
            with torch.no_grad():
                model(x)

        model.train()
        train = step_seconds(train_step, args.warmup, args.timed)
        model.eval()
        forward = step_seconds(forward_step, args.warmup, args.timed)
        for kind, (wall, cpu) in (('train', train), ('forward', forward)):
            print(json.dumps({'threads': threads, 'kind': kind, 'seconds': wall, 'cpu': cpu, 'torch': torch.__version__}), flush=True)


if __name__ == '__main__':
    sys.exit(main())
