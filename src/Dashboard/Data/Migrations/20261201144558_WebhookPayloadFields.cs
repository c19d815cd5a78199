using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class WebhookPayloadFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "authentication_method",
                table: "webhook_events",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "job_id",
                table: "webhook_events",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "reported_status",
                table: "webhook_events",
                type: "text",
                nullable: true);

            // Events stored before these columns may still be applied (pending, or unmatched until their connection is
            // stored), and applying reads the columns, not the body: read their fields from the body once, here, as
            // FinchWebhookPayload.TryParse reads them (strings only; the method as an object's type or a bare string).
            migrationBuilder.Sql("""
                UPDATE webhook_events AS e
                SET reported_status = CASE WHEN jsonb_typeof(p.data -> 'status') = 'string' THEN p.data ->> 'status' END,
                    authentication_method = CASE jsonb_typeof(p.data -> 'authentication_method')
                        WHEN 'string' THEN p.data ->> 'authentication_method'
                        WHEN 'object' THEN CASE WHEN jsonb_typeof(p.data -> 'authentication_method' -> 'type') = 'string'
                                                THEN p.data -> 'authentication_method' ->> 'type' END
                    END,
                    job_id = CASE WHEN jsonb_typeof(p.data -> 'job_id') = 'string' THEN p.data ->> 'job_id' END
                FROM (SELECT event_id, body::jsonb -> 'data' AS data FROM webhook_events WHERE state IN ('Pending', 'Unmatched')) AS p
                WHERE e.event_id = p.event_id AND jsonb_typeof(p.data) = 'object';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "authentication_method",
                table: "webhook_events");

            migrationBuilder.DropColumn(
                name: "job_id",
                table: "webhook_events");

            migrationBuilder.DropColumn(
                name: "reported_status",
                table: "webhook_events");
        }
    }
}
