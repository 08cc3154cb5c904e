// The details strip of a selected task instance, as words the page shows as text. Pure.
import { taskLabel, type TaskInstance } from '../airflow';
import { formatDuration, formatTime, secondsBetween } from '../views/format';
import { refKey } from './refKeys';
import type { TaskDetails } from './protocol';

export function taskDetails(ti: TaskInstance, now = Date.now()): TaskDetails {
  const seconds = ti.duration ?? secondsBetween(ti.startDate, ti.endDate, now);
  return {
    ref: refKey(ti),
    label: taskLabel(ti),
    state: ti.state ?? '',
    tryNumber: ti.tryNumber,
    startDate: ti.startDate ? formatTime(ti.startDate) : null,
    endDate: ti.endDate ? formatTime(ti.endDate) : null,
    duration: seconds === undefined ? '' : formatDuration(seconds),
    operator: ti.operator,
    hostname: ti.hostname,
    queue: ti.queue,
  };
}
