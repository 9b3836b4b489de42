declare module 'pgpass' {
  function pgPass(connInfo: { host: string; port: string; database: string; user: string }, cb: (password: string | undefined) => void): void;
  export default pgPass;
}
