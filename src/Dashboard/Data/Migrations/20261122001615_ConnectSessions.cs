using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConnectSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "connect_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    employer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    connection_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    finch_session_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    state_hash = table.Column<byte[]>(type: "bytea", nullable: false),
                    connect_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    redirect_uri = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_connect_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_connect_sessions_connections_connection_id",
                        column: x => x.connection_id,
                        principalTable: "connections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_connect_sessions_connection_id",
                table: "connect_sessions",
                column: "connection_id");

            migrationBuilder.CreateIndex(
                name: "ix_connect_sessions_state_hash",
                table: "connect_sessions",
                column: "state_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "connect_sessions");
        }
    }
}
