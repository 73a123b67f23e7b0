-- coroutines: resume/yield values, status, wrap, errors inside, yield across pcall
local function gen(n)
  return coroutine.wrap(function()
    for i = 1, n do coroutine.yield(i * i) end
    return "done"
  end)
end
local g = gen(4)
print(g(), g(), g(), g(), g())

local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "end", d + e
end)
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co), coroutine.resume(co))

local bad = coroutine.create(function() error("inside coroutine") end)
print(coroutine.resume(bad))

local across = coroutine.wrap(function()
  local ok, v = pcall(function() return coroutine.yield("yielded through pcall") + 1 end)
  return ok, v
end)
print(across())
print(across(41))

print(coroutine.isyieldable(), select(2, coroutine.running()))
local closed = coroutine.create(function() coroutine.yield() end)
coroutine.resume(closed)
print(coroutine.close(closed), coroutine.status(closed))
