-- one line a tick; the counter lives in the running script across reloads
local ticks = tonumber(arg[1]) or 0
local n = 0
while ticks == 0 or n < ticks do
  n = n + 1
  print(string.format("tick %d %s floor %d", n, tostring(true), math.floor(7.5)))
  local until_ = os.clock() + 0.02
  while os.clock() < until_ do end
end
