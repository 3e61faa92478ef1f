-- KEYS[1] delayed set, KEYS[2] tasks stream
-- ARGV[1] now (epoch millis), ARGV[2] most to move
-- Moves due retries back to the end of the stream in one step, so several workers promoting at
-- once move each task exactly once. Returns {moved, due time of the next one or '-1'}.
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
for _, member in ipairs(due) do
  redis.call('XADD', KEYS[2], '*', unpack(cjson.decode(member).fields))
  redis.call('ZREM', KEYS[1], member)
end
local next = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {#due, next[2] or '-1'}
