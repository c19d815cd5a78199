using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class Connections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "connections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    finch_connection_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    company_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    company_name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    customer_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    customer_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    provider_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    provider_name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status_message = table.Column<string>(type: "text", nullable: true),
                    status_changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    connection_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    active_entity_count = table.Column<int>(type: "integer", nullable: false),
                    last_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    connected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disconnected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    products = table.Column<string[]>(type: "text[]", nullable: false),
                    session_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    session_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    session_progress = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    refreshed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: false, computedColumnSql: "lower(coalesce(company_name, '') || ' ' || coalesce(customer_name, '') || ' ' || coalesce(customer_id, '') || ' ' || coalesce(finch_connection_id, '') || ' ' || coalesce(company_id, '') || ' ' || coalesce(provider_name, ''))", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connections", x => x.id);
                    table.ForeignKey(
                        name: "fk_connections_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "connection_authentication_methods",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status_message = table.Column<string>(type: "text", nullable: true),
                    last_successful_sync = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    products = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connection_authentication_methods", x => x.id);
                    table.ForeignKey(
                        name: "fk_connection_authentication_methods_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "connection_entities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    finch_entity_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    source_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connection_entities", x => x.id);
                    table.ForeignKey(
                        name: "fk_connection_entities_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "connection_events",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connection_events", x => x.id);
                    table.ForeignKey(
                        name: "fk_connection_events_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_connection_authentication_methods_connection_id",
                table: "connection_authentication_methods",
                column: "connection_id");

            migrationBuilder.CreateIndex(
                name: "ix_connection_entities_connection_id_finch_entity_id",
                table: "connection_entities",
                columns: new[] { "connection_id", "finch_entity_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_connection_events_connection_id_occurred_at",
                table: "connection_events",
                columns: new[] { "connection_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_employer_id_state",
                table: "connections",
                columns: new[] { "employer_id", "state" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_finch_connection_id",
                table: "connections",
                column: "finch_connection_id",
                unique: true,
                filter: "finch_connection_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_connections_search_text",
                table: "connections",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_session_id",
                table: "connections",
                column: "session_id",
                unique: true,
                filter: "session_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_connections_state_company_name",
                table: "connections",
                columns: new[] { "state", "company_name" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_state_connected_at",
                table: "connections",
                columns: new[] { "state", "connected_at" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_state_created_at",
                table: "connections",
                columns: new[] { "state", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_state_customer_name",
                table: "connections",
                columns: new[] { "state", "customer_name" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_state_last_synced_at",
                table: "connections",
                columns: new[] { "state", "last_synced_at" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_state_provider_id",
                table: "connections",
                columns: new[] { "state", "provider_id" });

            migrationBuilder.CreateIndex(
                name: "ix_connections_state_status_status_changed_at",
                table: "connections",
                columns: new[] { "state", "status", "status_changed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "connection_authentication_methods");

            migrationBuilder.DropTable(
                name: "connection_entities");

            migrationBuilder.DropTable(
                name: "connection_events");

            migrationBuilder.DropTable(
                name: "connections");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
