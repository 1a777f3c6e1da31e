import { describe, expect, it } from 'vitest';
import { ConnectionTable } from '../../src/unsubscribe/connection-table.js';

describe('ConnectionTable', () => {
  it('admits connections up to the limit, then drops the oldest not being answered', () => {
    const table = new ConnectionTable<string>(3, undefined);
    expect(['a', 'b', 'c'].map((c) => table.admit(c, `10.0.0.${c}`))).toEqual([undefined, undefined, undefined]);
    table.setAnswering('a', true);
    expect(table.admit('d', '10.0.0.d')).toBe('b');
    expect(table.admit('e', '10.0.0.e')).toBe('c');
  });

  it('drops the new connection itself when every other is being answered', () => {
    const table = new ConnectionTable<string>(2, undefined);
    table.admit('a', '10.0.0.1');
    table.admit('b', '10.0.0.2');
    table.setAnswering('a', true);
    table.setAnswering('b', true);
    expect(table.admit('c', '10.0.0.3')).toBe('c');
    // Once a response is done its connection may be pushed out again.
    table.setAnswering('a', false);
    expect(table.admit('d', '10.0.0.4')).toBe('a');
  });

  it("keeps one address to its own few connections, pushing out its own oldest, not another address's", () => {
    const table = new ConnectionTable<string>(100, 2);
    table.admit('other', '10.0.0.9');
    table.admit('a1', '10.0.0.1');
    table.admit('a2', '10.0.0.1');
    expect(table.admit('a3', '10.0.0.1')).toBe('a1');
    table.setAnswering('a2', true);
    table.setAnswering('a3', true);
    expect(table.admit('a4', '10.0.0.1')).toBe('a4');
  });

  it("applies no per-address limit behind a proxy, where every connection is the proxy's", () => {
    const table = new ConnectionTable<string>(3, undefined);
    expect(['p1', 'p2', 'p3'].map((c) => table.admit(c, '127.0.0.1'))).toEqual([undefined, undefined, undefined]);
  });

  it('forgets a closed connection, making room for another', () => {
    const table = new ConnectionTable<string>(1, undefined);
    table.admit('a', '10.0.0.1');
    table.remove('a');
    expect(table.admit('b', '10.0.0.2')).toBeUndefined();
  });
});
