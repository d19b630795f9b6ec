/**
 * SIGHUP reloads the projects (ProjectsReloader listens while the app runs). Node's default for it is to
 * exit, so a reload signal sent while the service starts (its modules still loading) or shuts down (after
 * the reloader stopped listening) is ignored here instead. Imported by main.ts before the app's modules.
 */
process.on('SIGHUP', () => {
  if (process.listenerCount('SIGHUP') === 1) console.warn('SIGHUP ignored: the service is starting or shutting down');
});
