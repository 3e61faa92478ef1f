-- Prepended to retry.lua, release.lua and bury.lua.

-- The fields of entry `id` if it is still claimed with delivery count `deliveries` (the receipt),
-- else nil: a different count means another worker took the task over, none means it is done.
local function held_fields(stream, group, id, deliveries)
  local pending = redis.call('XPENDING', stream, group, id, id, 1)
  if #pending == 0 or tostring(pending[1][4]) ~= deliveries then
    return nil
  end
  local entry = redis.call('XRANGE', stream, id, id)
  if #entry == 0 then
    -- Claimed but deleted (trimmed by hand): nothing to move, so release the dangling claim.
    redis.call('XACK', stream, group, id)
    return nil
  end
  return entry[1][2]
end

-- The task's own fields (without prior_attempts) and the number of deliveries made so far.
local function task_and_attempts(fields, deliveries)
  local task, prior = {}, 0
  for i = 1, #fields, 2 do
    if fields[i] == 'prior_attempts' then
      prior = tonumber(fields[i + 1])
    else
      task[#task + 1] = fields[i]
      task[#task + 1] = fields[i + 1]
    end
  end
  return task, prior + tonumber(deliveries)
end

-- The task of entry `id`, as held_fields finds it, with prior_attempts set to the deliveries so
-- far, less this one when it does not count (`counted` false: its worker stopped, the task did
-- not fail); nil for a stale receipt.
local function held_task(stream, group, id, deliveries, counted)
  local fields = held_fields(stream, group, id, deliveries)
  if not fields then
    return nil
  end
  local task, attempts = task_and_attempts(fields, deliveries)
  task[#task + 1] = 'prior_attempts'
  task[#task + 1] = tostring(counted and attempts or attempts - 1)
  return task
end
