# Generates random.json: random allocate/free sequences run through the
# project's reference port of sc-allocator (shared/reference/alloc_ref.py,
# polkadot-sdk master semantics). Not run by the test suite (CI has no Python);
# rerun by hand after changing the scenarios:
#   python3 test/allocator/vectors/gen_random.py > test/allocator/vectors/random.json
import json, os, random, sys
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', '..', '..', 'shared', 'reference'))
from alloc_ref import Alloc, Mem, OOM, MAXA, PAGE

def err_code(e):
    m = str(e)
    if isinstance(e, OOM): return 'ALLOCATOR_OUT_OF_SPACE'
    if m == 'RequestedAllocationTooLarge': return 'ALLOCATOR_TOO_LARGE'
    if m == 'poisoned': return 'ALLOCATOR_POISONED'
    if m == 'MemoryShrinked': return 'ALLOCATOR_MEMORY_SHRUNK'
    return 'ALLOCATOR_CORRUPTED'

def size_sample(rng):
    r = rng.random()
    if r < 0.55: return rng.randint(0, 64)
    if r < 0.85: return rng.randint(65, 4096)
    if r < 0.97: return rng.randint(4097, 300000)
    if r < 0.995: return rng.randint(300001, MAXA)
    return MAXA + rng.randint(1, 1000)

def scenario(seed):
    rng = random.Random(seed)
    pages = rng.choice([1, 1, 2, 4, 17])
    maxp = rng.choice([None, None, pages, pages + 1, 8, 64, 600])
    if maxp is not None and maxp < pages: maxp = pages
    heap_base = rng.choice([0, 1, 13, 1000, rng.randint(0, pages * PAGE // 2)])
    m = Mem(pages, 65536 if maxp is None else maxp)
    a = Alloc(heap_base)
    live, ops, errors = [], [], 0
    for _ in range(rng.randint(50, 250)):
        if live and rng.random() < 0.4:
            p = live.pop(rng.randrange(len(live)))
            try:
                a.free_(m, p); res = None
            except Exception as e:
                res = err_code(e); errors += 1
            ops.append(['free', p, res])
        else:
            s = size_sample(rng)
            try:
                p = a.alloc(m, s); live.append(p); res = p
            except Exception as e:
                res = err_code(e); errors += 1
            ops.append(['alloc', s, res])
        if errors >= 3: break
    heads = [x if x is not None else None for x in a.free]
    return {'seed': seed, 'pages': pages, 'maxPages': maxp, 'heapBase': heap_base, 'ops': ops,
            'final': {'bumper': a.bumper, 'pages': m.pages(), 'poisoned': a.poison, 'freeListHeads': heads}}

print(json.dumps({'generator': 'test/allocator/vectors/gen_random.py over shared/reference/alloc_ref.py',
                  'scenarios': [scenario(s) for s in range(60)]}, separators=(',', ':')))
