-- KEYS[1] tasks stream
-- ARGV[1] group, ARGV[2] entry id, ARGV[3] delivery count
-- Gives a claimed task back without counting this delivery (its worker stopped, the task did not
-- fail): the task is added again at the end of the stream, due at once, with the attempts made
-- before this one, and the claim is released, in one step. Returns 0 for a stale receipt.
local fields = held_fields(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
if not fields then
  return 0
end
local task, attempts = task_and_attempts(fields, ARGV[3])
task[#task + 1] = 'prior_attempts'
task[#task + 1] = tostring(attempts - 1)
redis.call('XADD', KEYS[1], '*', unpack(task))
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return 1
