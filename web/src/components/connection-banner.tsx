/** Says when the server cannot be reached (and that it is retrying), or is busy, with a "retry now" button. */
import { useEffect, useState } from 'preact/hooks';
import { getConnection, onConnectionChange, retryNow } from '../lib/api.js';

export function ConnectionBanner() {
  const [conn, setConn] = useState(getConnection);
  const [now, setNow] = useState(Date.now());
  useEffect(() => onConnectionChange(() => setConn(getConnection())), []);
  useEffect(() => {
    if (conn.state === 'online') return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [conn.state]);
  if (conn.state === 'online') return <div class="connection" role="status" aria-live="polite" />;
  const seconds = Math.max(0, Math.ceil((conn.retryAt - now) / 1000));
  return (
    <div class="connection connection-lost" role="status" aria-live="polite">
      <p>
        {conn.state === 'offline'
          ? `Lost the connection to the server. Retrying in ${seconds} s (attempt ${conn.attempt}).`
          : `The server is busy. Retrying in ${seconds} s.`}{' '}
        <button type="button" onClick={retryNow}>
          Retry now
        </button>
      </p>
    </div>
  );
}
