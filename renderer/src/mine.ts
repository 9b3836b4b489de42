import { useEffect, useState } from 'react';
import { useOp } from './api/hooks';

/**
 * The "我的 / Mine" filter of a grid, remembered per grid: the channel manager the user is (the user profile's name or
 * e-mail, `channelManagers.me`). `managerIds` goes into the list query; `nobody` is true when Mine is on but the user
 * is no channel manager (the grid shows nothing, with the reason).
 */
export function useMine(grid: string) {
  const key = `pwb.${grid}.mine`;
  const [mine, setMine] = useState(() => localStorage.getItem(key) === '1');
  useEffect(() => localStorage.setItem(key, mine ? '1' : '0'), [key, mine]);
  const me = useOp('channelManagers.me', {});
  return {
    mine,
    setMine,
    /** Spread into the list input. */
    filter: mine ? { channelManagerIds: me.data ? [me.data.id] : [] } : {},
    /** Wait for `me` before querying with Mine on. */
    ready: !mine || me.isSuccess,
    nobody: mine && me.isSuccess && !me.data,
  };
}
