-- KEYS[1] tasks stream
-- ARGV[1] group, ARGV[2] entry id, ARGV[3] delivery count
-- Gives a claimed task back without counting this delivery (its worker stopped, the task did not
-- fail): the task is added again at the end of the stream, due at once, with the attempts made
-- before this one, and the claim is released, in one step. Returns 0 for a stale receipt.
local task = held_task(KEYS[1], ARGV[1], ARGV[2], ARGV[3], false)
if not task then
  return 0
end
redis.call('XADD', KEYS[1], '*', unpack(task))
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return 1
