// The Graph: every task once inside its group, the server's edges, one run's states; collapsed groups.
import assert from 'node:assert/strict';
import { collapseGraph, graphModel, groupsClosedAtFirst, OPEN_GROUPS_UP_TO } from '../../../src/runViews/graphModel';
import { task } from '../views/explorer/tasks';
import { TASKS, TIS } from './fixtures';

describe('the Graph of a DAG', () => {
  it('has every task once, groups before their members, and each server edge', () => {
    const g = graphModel(TASKS, TIS, 'r2');
    assert.deepEqual(
      g.nodes.map((n) => `${n.key}<${n.parent ?? ''}>`),
      [
        't:extract<>',
        'g:section<>',
        't:section.load<g:section>',
        't:section.check<g:section>',
        't:process<>',
        't:report<>',
      ],
    );
    assert.deepEqual(
      g.edges.map((e) => `${e.from}->${e.to}`),
      [
        't:extract->t:section.load',
        't:section.load->t:section.check',
        't:section.check->t:process',
        't:process->t:report',
      ],
    );
  });

  it('colours by the chosen run: a group by its worst task, a mapped task with its count', () => {
    const g = graphModel(TASKS, TIS, 'r2');
    const by = new Map(g.nodes.map((n) => [n.key, n]));
    assert.equal(by.get('g:section')!.state, 'failed');
    assert.equal(by.get('t:section.check')!.state, 'failed');
    assert.equal(by.get('t:process')!.count, 3);
    assert.equal(by.get('t:process')!.state, 'upstream_failed');
    assert.equal(by.get('t:section.load')!.label, 'load');
    assert.equal(graphModel(TASKS, TIS, 'r1').nodes.find((n) => n.key === 't:process')!.count, 2);
  });

  it('without a run: the bare structure, no states', () => {
    const g = graphModel(TASKS, TIS);
    assert.ok(g.nodes.every((n) => n.state === null && n.refs.length === 0));
  });

  it('drops a self edge and an edge to a task the server does not list', () => {
    const g = graphModel([task('a', ['a', 'b', 'gone', 'b']), task('b')], []);
    assert.deepEqual(g.edges, [{ from: 't:a', to: 't:b' }]);
  });

  it('a collapsed group hides its tasks and takes their edges, once each', () => {
    const tasks = [task('a', ['g.x', 'g.y']), task('g.x', ['g.y', 'b']), task('g.y', ['b']), task('b')];
    const g = collapseGraph(graphModel(tasks, []), new Set(['g:g']));
    assert.deepEqual(
      g.nodes.map((n) => n.key),
      ['t:a', 'g:g', 't:b'],
    );
    assert.deepEqual(
      g.edges.map((e) => `${e.from}->${e.to}`),
      ['t:a->g:g', 'g:g->t:b'],
    );
  });

  it('a collapsed outer group takes the edges of its inner groups too', () => {
    const tasks = [task('a', ['o.i.x']), task('o.i.x', ['o.z']), task('o.z', ['b']), task('b')];
    const g = collapseGraph(graphModel(tasks, []), new Set(['g:o', 'g:o.i']));
    assert.deepEqual(
      g.nodes.map((n) => n.key),
      ['t:a', 'g:o', 't:b'],
    );
    assert.deepEqual(
      g.edges.map((e) => `${e.from}->${e.to}`),
      ['t:a->g:o', 'g:o->t:b'],
    );
  });

  it('opens a DAG of over 100 tasks with every group closed, a smaller one with all open', () => {
    assert.deepEqual(groupsClosedAtFirst(graphModel(TASKS, TIS, 'r2')), []);
    const many = Array.from({ length: OPEN_GROUPS_UP_TO + 1 }, (_, i) => task(`g${i % 3}.inner${i % 2}.t${i}`));
    assert.deepEqual(groupsClosedAtFirst(graphModel(many, [])).sort(), [
      'g:g0',
      'g:g0.inner0',
      'g:g0.inner1',
      'g:g1',
      'g:g1.inner0',
      'g:g1.inner1',
      'g:g2',
      'g:g2.inner0',
      'g:g2.inner1',
    ]);
    assert.deepEqual(groupsClosedAtFirst(graphModel(many.slice(1), [])), [], 'exactly 100 tasks: open');
  });
});
