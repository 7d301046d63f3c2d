/**
 * The granular-consent members of ScriptApp that Google documents and @types/google-apps-script
 * (2.0.13) does not declare yet; `requireScopes` and `requireAllScopes` are declared there already.
 * The conformance harness (test/gas/gas-signatures.ts) reads this file with the typings, so the fake
 * and the calls the add-on makes are checked against these declarations too.
 * - https://developers.google.com/apps-script/reference/script/script-app#getAuthorizationInfo(AuthMode,String)
 * - https://developers.google.com/apps-script/reference/script/authorization-info#getAuthorizedScopes()
 */
declare namespace GoogleAppsScript {
  namespace Script {
    interface ScriptApp {
      /** The authorization status of the given scopes only; scopes the manifest does not declare are an error. */
      getAuthorizationInfo(authMode: AuthMode, oAuthScopes: string[]): AuthorizationInfo;
    }
    interface AuthorizationInfo {
      /** The granted scopes (of the list given to getAuthorizationInfo, when one was); the reference allows null. */
      getAuthorizedScopes(): string[] | null;
    }
  }
}
