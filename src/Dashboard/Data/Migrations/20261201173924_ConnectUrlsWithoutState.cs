using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FinchDashboard.Dashboard.Data.Migrations
{
    /// <summary>
    /// Links stored before the state stopped being kept carried it in their URL, which is enough to finish someone
    /// else's Connect: the state is taken out of them. Only its hash stays, which is all the callback needs.
    /// </summary>
    public partial class ConnectUrlsWithoutState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                UPDATE connect_sessions
                SET connect_url = regexp_replace(regexp_replace(connect_url, '([?&])state=[^&#]*&?', '\1'), '[?&]$', '')
                WHERE connect_url ~ '[?&]state=';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The states are gone for good; the hashes still let each link's callback work.
        }
    }
}
