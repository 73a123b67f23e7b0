# sim: the simulation, the module a reload replaces (as sim.c in hcr's demo).
# The benchmark rewrites the `step` line below and nothing else.

const step* = 1

var simValue*: int

proc simStep*(): int =
  simValue += step
  simValue
