using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class BankAccounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "stripe_customer_id",
                table: "employers",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "stripe_request_id",
                table: "audit_log",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bank_accounts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stripe_account_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    stripe_customer_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    institution_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    last4 = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    subcategory = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    observed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    permissions = table.Column<List<string>>(type: "text[]", nullable: false),
                    balance_refresh_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    balance_refresh_attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ownership_refresh_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ownership_refresh_attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    transaction_refresh_status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    transaction_refresh_attempted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    livemode = table.Column<bool>(type: "boolean", nullable: false),
                    linked_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    disconnected_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    disconnected_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    disconnect_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    search_text = table.Column<string>(type: "text", nullable: true, computedColumnSql: "lower(institution_name || ' ' || coalesce(display_name, '') || ' ' || coalesce(last4, '') || ' ' || stripe_account_id)", stored: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_accounts", x => x.id);
                    table.ForeignKey(
                        name: "fk_bank_accounts_employers_employer_id",
                        column: x => x.employer_id,
                        principalTable: "employers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stripe_webhook_events",
                columns: table => new
                {
                    event_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    event_type = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    outcome = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    bank_account_id = table.Column<Guid>(type: "uuid", nullable: true),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stripe_webhook_events", x => x.event_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_employers_stripe_customer_id",
                table: "employers",
                column: "stripe_customer_id",
                unique: true,
                filter: "stripe_customer_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_employer_id_status",
                table: "bank_accounts",
                columns: new[] { "employer_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_search_text",
                table: "bank_accounts",
                column: "search_text")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_status_linked_at",
                table: "bank_accounts",
                columns: new[] { "status", "linked_at" });

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_stripe_account_id",
                table: "bank_accounts",
                column: "stripe_account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stripe_webhook_events_pending",
                table: "stripe_webhook_events",
                column: "received_at",
                filter: "state = 'Pending'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bank_accounts");

            migrationBuilder.DropTable(
                name: "stripe_webhook_events");

            migrationBuilder.DropIndex(
                name: "ix_employers_stripe_customer_id",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "stripe_customer_id",
                table: "employers");

            migrationBuilder.DropColumn(
                name: "stripe_request_id",
                table: "audit_log");
        }
    }
}
