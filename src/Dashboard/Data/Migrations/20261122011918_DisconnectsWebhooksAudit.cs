using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisconnectsWebhooksAudit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "contacted_at",
                table: "connections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "contacted_by",
                table: "connections",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "disconnect_reason",
                table: "connections",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "disconnected_by",
                table: "connections",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "follow_up_on",
                table: "connections",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "health_checked_at",
                table: "connections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "health_failure_count",
                table: "connections",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_health_failure_kind",
                table: "connections",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "last_health_failure_message",
                table: "connections",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "status_reported_at",
                table: "connections",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "disconnected_at",
                table: "connection_entities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "disconnected_by",
                table: "connection_entities",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "status_reported_at",
                table: "connection_entities",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "deactivated_at",
                table: "asp_net_users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    actor_user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    action = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: true),
                    target_type = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    target_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    detail = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    finch_request_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "connection_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    author = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connection_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_connection_notes_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "health_check_failures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    finch_request_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_health_check_failures", x => x.id);
                    table.ForeignKey(
                        name: "fk_health_check_failures_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_events",
                columns: table => new
                {
                    event_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    event_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finch_connection_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    finch_entity_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    account_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    company_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    body = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: true),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_events", x => x.event_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_action_occurred_at",
                table: "audit_log",
                columns: new[] { "action", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_employer_id_occurred_at",
                table: "audit_log",
                columns: new[] { "employer_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_occurred_at",
                table: "audit_log",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_connection_notes_connection_id_created_at",
                table: "connection_notes",
                columns: new[] { "connection_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_health_check_failures_connection_id_occurred_at",
                table: "health_check_failures",
                columns: new[] { "connection_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_health_check_failures_occurred_at",
                table: "health_check_failures",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_finch_connection_id",
                table: "webhook_events",
                column: "finch_connection_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_pending",
                table: "webhook_events",
                column: "received_at",
                filter: "state = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_events_state_received_at",
                table: "webhook_events",
                columns: new[] { "state", "received_at" });

            // The audit log is append-only for everyone, the application included: edits and deletes are refused here.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
                END;
                $$;
                CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
                    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
                CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER audit_log_no_truncate ON audit_log;
                DROP TRIGGER audit_log_append_only ON audit_log;
                DROP FUNCTION audit_log_is_append_only();
                """);

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "connection_notes");

            migrationBuilder.DropTable(
                name: "health_check_failures");

            migrationBuilder.DropTable(
                name: "webhook_events");

            migrationBuilder.DropColumn(
                name: "contacted_at",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "contacted_by",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "disconnect_reason",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "disconnected_by",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "follow_up_on",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "health_checked_at",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "health_failure_count",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "last_health_failure_kind",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "last_health_failure_message",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "status_reported_at",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "disconnected_at",
                table: "connection_entities");

            migrationBuilder.DropColumn(
                name: "disconnected_by",
                table: "connection_entities");

            migrationBuilder.DropColumn(
                name: "status_reported_at",
                table: "connection_entities");

            migrationBuilder.DropColumn(
                name: "deactivated_at",
                table: "asp_net_users");
        }
    }
}
