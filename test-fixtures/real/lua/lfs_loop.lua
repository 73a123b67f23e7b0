-- the reload loop with Debian's lua-filesystem: lfs.so links no liblua and finds the Lua API
-- in the program by C name (as the lua make built exports it with -Wl,-E)
package.cpath = "/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;" .. package.cpath
local lfs = require "lfs"
local ticks = tonumber(arg[1]) or 0
local n = 0
while ticks == 0 or n < ticks do
  n = n + 1
  print(string.format("tick %d %s floor %d lfs %s", n, tostring(true), math.floor(7.5),
    lfs.attributes(".", "mode")))
  os.execute("sleep 0.02")
end
