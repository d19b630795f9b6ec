/** A Chat user token logs one user in; an app token grants app-wide REST privileges. */
export enum ChatTokenKind {
  User = 'user',
  App = 'app',
}
