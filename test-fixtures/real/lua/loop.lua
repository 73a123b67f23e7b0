-- loop.lua [ticks] [pause] [idiv]: one line a tick (ticks 0, the default: until stopped); the
-- counter lives in the running script across reloads.
-- pause: seconds slept between ticks by `sleep` (default 0.01), or "busy": 20 ms of busy waiting
-- on os.clock(), which keeps a processor busy the whole time (the compiler then has one less).
-- idiv: each line also shows the error of an integer division by zero (raised by luaV_idiv in
-- lvm.c, caught by pcall), so that an edit of lvm.c shows too.
local ticks = tonumber(arg[1]) or 0
local pause = arg[2] or "0.01"
local idiv = arg[3] == "idiv"
local zero = 0
local n = 0

local function wait()
  if pause == "busy" then
    local until_ = os.clock() + 0.02
    while os.clock() < until_ do end
    return
  end
  local ok, how, code = os.execute("sleep " .. pause)
  if not ok then
    error("sleep " .. pause .. ": " .. how .. " " .. code)   -- not found, or Ctrl-C: stop
  end
end

while ticks == 0 or n < ticks do
  n = n + 1
  local line = string.format("tick %d %s floor %d", n, tostring(true), math.floor(7.5))
  if idiv then
    local _, message = pcall(function() return n // zero end)
    line = line .. " " .. message:gsub("^.-:%d+: ", "")
  end
  print(line)
  wait()
end
