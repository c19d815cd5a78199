using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <summary>
    /// Every disconnected connection now says who ended it and why. Before, only dashboard users were recorded and a
    /// connection Finch reported disconnected (by webhook) kept both empty: those were ended outside the dashboard.
    /// </summary>
    public partial class DisconnectedByFinch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "UPDATE connections SET disconnected_by = 'Finch', disconnect_reason = " +
                "'Finch reported the connection disconnected. It was ended outside this dashboard: through Finch (its dashboard or API) or by the employer, at the provider.' " +
                "WHERE state = 'Disconnected' AND disconnected_by IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the filled-in rows cannot be told from connections Finch ended after this migration.
        }
    }
}
