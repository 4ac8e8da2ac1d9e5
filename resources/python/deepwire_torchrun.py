"""torchrun (torch.distributed.run) for Deepwire's --nproc-per-node, with one fix.

torch < 2.0 on Python >= 3.11 cannot parse its own default --redirects and
--tee ("0"): Python 3.11 no longer iterates the IntFlag pseudo-member
Std.NONE, so Std.from_str returns None and the launcher fails in to_map.
Newer torch fixed it; here the None becomes Std.NONE and the launcher runs as
is. Arguments are torchrun's own.
"""
from torch.distributed.elastic.multiprocessing import api
from torch.distributed.run import main

_from_str = api.Std.from_str.__func__


def _from_str_fixed(cls, vm):
    parsed = _from_str(cls, vm)
    return api.Std.NONE if parsed is None else parsed


api.Std.from_str = classmethod(_from_str_fixed)

if __name__ == "__main__":
    main()
