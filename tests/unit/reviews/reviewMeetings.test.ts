import { afterEach, describe, expect, it } from 'vitest';
import { memoryApi, partnerInput } from '../../helpers/workspace';
import { carriedActions } from '../../../electron/domain/reviews/reviewMeetings';
import { parsePeriod } from '../../../shared/period';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());
async function setup() {
  const { ws, api } = memoryApi();
  cleanup = () => ws.close();
  const p1 = await api.send('partners.create', partnerInput('P0001'));
  const p2 = await api.send('partners.create', partnerInput('P0002'));
  return { ws, api, p1, p2 };
}

describe('review meetings', () => {
  it('records a meeting with attendees, minutes, decisions and action items, and audits it', async () => {
    const { ws, api, p1 } = await setup();
    const m = await api.send('reviews.meetings.save', {
      partnerId: p1.id,
      period: '2026-Q2',
      heldOn: '2026-07-10',
      attendees: ['王经理', 'Li Na'],
      minutes: '回顾二季度：达成率 92%',
      decisions: ['三季度主推网络设备'],
      actions: [
        { description: '补齐两名工程师认证', owner: '王经理', dueOn: '2026-08-31' },
        { description: 'Send the price list', owner: null, dueOn: null, status: 'done' },
      ],
    });
    expect(m).toMatchObject({ partnerCode: 'P0001', period: '2026-Q2', attendees: ['王经理', 'Li Na'], decisions: ['三季度主推网络设备'], createdBy: 'tester' });
    expect(m.actions.map((a) => [a.description, a.status, a.closedOn != null])).toEqual([
      ['补齐两名工程师认证', 'open', false],
      ['Send the price list', 'done', true],
    ]);
    const audit = ws.sqlite.prepare("select operation, entity, entity_id from audit_log where operation = 'reviews.meetings.save'").all();
    expect(audit).toEqual([{ operation: 'reviews.meetings.save', entity: 'review_meeting', entity_id: String(m.id) }]);
  });

  it('saving the list again keeps items by id, removes the ones left out, and closing stamps the day', async () => {
    const { api, p1 } = await setup();
    const m = await api.send('reviews.meetings.save', {
      partnerId: p1.id, period: '2026-Q2', heldOn: '2026-07-10',
      actions: [{ description: 'A' }, { description: 'B' }, { description: 'C' }],
    });
    const [a, , c] = m.actions;
    const again = await api.send('reviews.meetings.save', {
      id: m.id, partnerId: p1.id, period: '2026-Q2', heldOn: '2026-07-11',
      actions: [{ id: a.id, description: 'A (revised)', status: 'in_progress' }, { id: c.id, description: 'C', status: 'cancelled' }, { description: 'D' }],
    });
    expect(again.heldOn).toBe('2026-07-11');
    expect(again.actions.map((x) => [x.description, x.status])).toEqual([['A (revised)', 'in_progress'], ['C', 'cancelled'], ['D', 'open']]);
    expect(again.actions[0].id).toBe(a.id);
    expect(again.actions[1].closedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Reopening clears the closing day.
    const reopened = await api.send('reviews.actions.setStatus', { id: c.id, status: 'open' });
    expect(reopened.closedOn).toBeNull();
  });

  it('refuses an action of another meeting, moving a meeting to another partner, and unknown partners', async () => {
    const { api, p1, p2 } = await setup();
    const m1 = await api.send('reviews.meetings.save', { partnerId: p1.id, period: '2026-Q2', heldOn: '2026-07-10', actions: [{ description: 'A' }] });
    const m2 = await api.send('reviews.meetings.save', { partnerId: p2.id, period: '2026-Q2', heldOn: '2026-07-10' });
    await expect(api.send('reviews.meetings.save', { id: m2.id, partnerId: p2.id, period: '2026-Q2', heldOn: '2026-07-10', actions: [{ id: m1.actions[0].id, description: 'stolen' }] })).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });
    await expect(api.send('reviews.meetings.save', { id: m1.id, partnerId: p2.id, period: '2026-Q2', heldOn: '2026-07-10' })).rejects.toMatchObject({ body: { code: 'CONFLICT' } });
    await expect(api.send('reviews.meetings.save', { partnerId: 999, period: '2026-Q2', heldOn: '2026-07-10' })).rejects.toMatchObject({ body: { code: 'NOT_FOUND' } });
    await expect(api.send('reviews.meetings.save', { partnerId: p1.id, period: '2026-Q5', heldOn: '2026-07-10' })).rejects.toMatchObject({ body: { code: 'INVALID_INPUT' } });
    // The failed save changed nothing.
    expect((await api.send('reviews.meetings.get', { id: m2.id })).actions).toEqual([]);
  });

  it('open actions for the dashboard: open and in-progress only, overdue first by days, then by due date', async () => {
    const { api, p1, p2 } = await setup();
    await api.send('reviews.meetings.save', {
      partnerId: p1.id, period: '2026-Q2', heldOn: '2026-07-10',
      actions: [
        { description: 'due later', dueOn: '2026-12-31' },
        { description: 'overdue 5', dueOn: '2026-08-27' },
        { description: 'done', dueOn: '2026-07-01', status: 'done' },
        { description: 'no due date' },
      ],
    });
    await api.send('reviews.meetings.save', {
      partnerId: p2.id, period: '2026-Q2', heldOn: '2026-07-12',
      actions: [{ description: 'overdue 31', dueOn: '2026-08-01', status: 'in_progress' }, { description: 'cancelled', dueOn: '2026-07-01', status: 'cancelled' }],
    });
    const r = await api.send('reviews.actions.open', { asOf: '2026-09-01' });
    expect(r.actions.map((a) => [a.description, a.partnerCode, a.overdue, a.daysOverdue])).toEqual([
      ['overdue 31', 'P0002', true, 31],
      ['overdue 5', 'P0001', true, 5],
      ['due later', 'P0001', false, 0],
      ['no due date', 'P0001', false, 0],
    ]);
    const overdue = await api.send('reviews.actions.open', { asOf: '2026-09-01', overdueOnly: true, partnerId: p1.id });
    expect(overdue.actions.map((a) => a.description)).toEqual(['overdue 5']);
    // Mine: the actions of the partners my channel manager looks after now
    const me = await api.send('channelManagers.create', { name: '周敏' });
    await api.send('channelManagers.reassign', { partnerIds: [p2.id], to: me.id, reason: '分配' });
    const mine = await api.send('reviews.actions.open', { asOf: '2026-09-01', channelManagerIds: [me.id] });
    expect(mine.actions.map((a) => a.description)).toEqual(['overdue 31']);
    expect((await api.send('reviews.actions.open', { asOf: '2026-09-01', channelManagerIds: [] })).actions).toEqual([]);
  });

  it("the next pack carries the last review's actions and older ones still open", async () => {
    const { ws, api, p1 } = await setup();
    await api.send('reviews.meetings.save', {
      partnerId: p1.id, period: '2026-Q1', heldOn: '2026-04-08',
      actions: [{ description: 'Q1 open' }, { description: 'Q1 done', status: 'done' }],
    });
    await api.send('reviews.meetings.save', {
      partnerId: p1.id, period: '2026-Q2', heldOn: '2026-07-10',
      actions: [{ description: 'Q2 open' }, { description: 'Q2 done', status: 'done' }],
    });
    await api.send('reviews.meetings.save', { partnerId: p1.id, period: '2026-Q3', heldOn: '2026-10-09', actions: [{ description: 'Q3 (this period)' }] });
    const { lastMeeting, actions } = carriedActions(ws, p1.id, parsePeriod('2026-Q3'), 1, '2026-10-01');
    expect(lastMeeting?.period).toBe('2026-Q2');
    expect(actions.map((a) => a.description)).toEqual(['Q2 open', 'Q2 done', 'Q1 open']);
  });

  it('deleting a meeting removes its actions', async () => {
    const { api, p1 } = await setup();
    const m = await api.send('reviews.meetings.save', { partnerId: p1.id, period: '2026-Q2', heldOn: '2026-07-10', actions: [{ description: 'A', dueOn: '2020-01-01' }] });
    await api.send('reviews.meetings.delete', { id: m.id });
    expect(await api.send('reviews.meetings.list', { partnerCode: 'P0001' })).toEqual([]);
    expect((await api.send('reviews.actions.open', {})).actions).toEqual([]);
  });
});
