# The loop of the Nim twin of hcr's demo: one line per tick,
#   tick T value V step +N total X
# then sleep for the interval in ms (first argument, default 100).
#
# Nim cannot reload the main module, so the loop lives here and sim.nim is
# reloaded. A line on stdin is the reload key (the F9 of Nim's doc/hcr.md):
# after the next tick the loop calls performCodeReload() and writes
#   reload <changed> <microseconds> us
# to stderr. The benchmark presses it once `nim c --hotcodereloading:on` has
# finished: reloading on hasAnyModuleChanged() alone, polled every tick, loads
# a library the compiler is still writing and fails with
#   nimhcr.nim(432, 12) `lib != nil` [AssertionDefect]
#
# paramCount() is -1 under --hotcodereloading:on (Nim 1.6), so the arguments
# are read from /proc/self/cmdline.
import std/[os, strutils, posix, monotimes, times]
import std/hotcodereloading
import sim

proc interval(): int =
  let args = readFile("/proc/self/cmdline").split('\0')
  if args.len > 2 and args[1].len > 0: parseInt(args[1]) else: 100

proc reloadKeyPressed(): bool =
  var fds = [TPollfd(fd: 0, events: POLLIN)]
  var line: string
  if poll(addr fds[0], 1, 0) > 0 and readLine(stdin, line):
    result = true

proc main() =
  let ms = interval()
  var tick, total, prev = 0
  while true:
    inc tick
    let value = simStep()
    total += value
    echo "tick ", tick, " value ", value, " step +", value - prev, " total ", total
    prev = value
    sleep(ms)
    if reloadKeyPressed():
      let start = getMonoTime()
      let changed = hasAnyModuleChanged()
      if changed:
        performCodeReload()
      stderr.writeLine("reload ", changed, " ", (getMonoTime() - start).inMicroseconds, " us")

main()
