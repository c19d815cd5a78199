using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClientTypeIsTheEnvironment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows read from Finch before connections stored their environment keep what client_type said.
            migrationBuilder.Sql("""
                UPDATE connections SET environment = CASE client_type
                    WHEN 'sandbox' THEN 'Sandbox' WHEN 'development' THEN 'Development' WHEN 'production' THEN 'Production' END
                WHERE environment IS NULL AND client_type IS NOT NULL;
                """);
            migrationBuilder.DropColumn(
                name: "client_type",
                table: "connections");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "client_type",
                table: "connections",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
            migrationBuilder.Sql("UPDATE connections SET client_type = lower(environment) WHERE environment IS NOT NULL;");
        }
    }
}
