"""The Synchronizacja screen (``sync_screen.SyncScreen``), the coordinator's dashboard
(``dashboard_screen.DashboardScreen``), their bar charts and the inbox/outbox folder timer."""
