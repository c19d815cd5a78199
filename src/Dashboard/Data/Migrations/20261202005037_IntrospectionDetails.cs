using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class IntrospectionDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "client_type",
                table: "connections",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "finch_connection_type",
                table: "connections",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "manual",
                table: "connections",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "username",
                table: "connections",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "client_type",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "finch_connection_type",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "manual",
                table: "connections");

            migrationBuilder.DropColumn(
                name: "username",
                table: "connections");
        }
    }
}
