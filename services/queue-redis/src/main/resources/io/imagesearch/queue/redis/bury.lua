-- KEYS[1] tasks stream, KEYS[2] dead-letter stream
-- ARGV[1] group, ARGV[2] entry id, ARGV[3] delivery count, ARGV[4] reason, ARGV[5] epoch millis
-- Moves a claimed task to the dead letters with its reason and attempts, and releases the claim,
-- in one step. Returns 0 for a stale receipt.
local fields = held_fields(KEYS[1], ARGV[1], ARGV[2], ARGV[3])
if not fields then
  return 0
end
local task, attempts = task_and_attempts(fields, ARGV[3])
for _, value in ipairs({'attempts', tostring(attempts), 'reason', ARGV[4], 'dead_at', ARGV[5],
    'source_id', ARGV[2]}) do
  task[#task + 1] = value
end
redis.call('XADD', KEYS[2], '*', unpack(task))
redis.call('XACK', KEYS[1], ARGV[1], ARGV[2])
redis.call('XDEL', KEYS[1], ARGV[2])
return 1
