using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace VaultStaging.Emulator.Auth;

/// <summary>The emulator's users, looked up by name (case-insensitive, as Vault user names are) or id.</summary>
internal sealed class UserDirectory
{
    public const string AdminProfile = "vault_owner__v";
    public const string NonAdminProfile = "file_staging_user__c";

    private readonly Dictionary<string, EmulatorUser> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, EmulatorUser> _byId = new();

    public UserDirectory(IEnumerable<EmulatorUser> users)
    {
        foreach (var user in users)
        {
            if (string.IsNullOrEmpty(user.UserName) || user.Id <= 0)
            {
                throw new ArgumentException("Every emulator user needs a name and a positive id.", nameof(users));
            }

            if (!_byName.TryAdd(user.UserName, user) || !_byId.TryAdd(user.Id, user))
            {
                throw new ArgumentException($"Duplicate emulator user name or id: {user.UserName} / {user.Id}.", nameof(users));
            }
        }

        if (_byName.Count == 0)
        {
            var admin = new EmulatorUser("admin", "admin", true, 1000);
            _byName.Add(admin.UserName, admin);
            _byId.Add(admin.Id, admin);
        }
    }

    public IEnumerable<EmulatorUser> All => _byId.Values.OrderBy(u => u.Id);

    public EmulatorUser? Find(long id) => _byId.GetValueOrDefault(id);

    /// <summary>Returns the user when name and password match; compares passwords in constant time.</summary>
    public EmulatorUser? Authenticate(string userName, string password)
    {
        if (!_byName.TryGetValue(userName, out var user))
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user.Password), Encoding.UTF8.GetBytes(password))
            ? user
            : null;
    }

    public static string HomeFolderName(EmulatorUser user) => "u" + user.Id.ToString(CultureInfo.InvariantCulture);

    public static string SecurityProfile(EmulatorUser user) => user.IsAdmin ? AdminProfile : NonAdminProfile;
}
