using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class ConnectionCustomerIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // New connections get a customer id of their own; the ones before were all created in Finch under their
            // employer's, which reauthentication and Finch's dashboard keep using. Any row missing it gets it written down.
            migrationBuilder.Sql("""
                UPDATE connections AS c SET customer_id = e.customer_id
                FROM employers AS e
                WHERE c.employer_id = e.id AND c.customer_id IS NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the ids written are the ones Finch already held for those connections.
        }
    }
}
